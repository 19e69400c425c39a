import { createRegistry, type Registry } from "../../core/index.js";
import { bestOfNStrategy } from "./best-of-n.js";
import { converterChainStrategy } from "./converter-chain-strategy.js";
import type { Strategy } from "./define-strategy.js";
import { directStrategy } from "./direct.js";
import { manyShotStrategy } from "./many-shot.js";
import { templateStrategy } from "./template-strategy.js";

export function createStrategyRegistry(): Registry<Strategy> {
  const registry = createRegistry<Strategy>("strategy");
  for (const s of [
    directStrategy,
    templateStrategy,
    converterChainStrategy,
    bestOfNStrategy,
    manyShotStrategy,
  ]) {
    registry.register(s);
  }
  return registry;
}

/** Every built-in strategy. */
export const strategyRegistry: Registry<Strategy> = createStrategyRegistry();
