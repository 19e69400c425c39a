import { createRegistry, type Registry } from "../../core/index.js";
import { bestOfNStrategy } from "./best-of-n.js";
import { converterChainStrategy } from "./converter-chain-strategy.js";
import { crescendoStrategy } from "./crescendo.js";
import type { Strategy } from "./define-strategy.js";
import { directStrategy } from "./direct.js";
import { manyShotStrategy } from "./many-shot.js";
import { pairStrategy } from "./pair.js";
import { redTeamConversationStrategy } from "./red-team-conversation.js";
import { tapStrategy } from "./tap.js";
import { templateStrategy } from "./template-strategy.js";

export function createStrategyRegistry(): Registry<Strategy> {
  const registry = createRegistry<Strategy>("strategy");
  for (const s of [
    directStrategy,
    templateStrategy,
    converterChainStrategy,
    bestOfNStrategy,
    manyShotStrategy,
    pairStrategy,
    tapStrategy,
    crescendoStrategy,
    redTeamConversationStrategy,
  ]) {
    registry.register(s);
  }
  return registry;
}

/** Every built-in strategy. */
export const strategyRegistry: Registry<Strategy> = createStrategyRegistry();
