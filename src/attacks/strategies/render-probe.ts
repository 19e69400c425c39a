import { user } from "../../core/index.js";
import type { ConverterChain } from "../converters/chain.js";
import type { AttackTemplate } from "../templates/attack-template.js";
import { renderAttack } from "../templates/render-attack.js";
import type { Probe, ProbeError, StrategyRuntime } from "./strategy-types.js";

export interface SingleTurn {
  prompt: string;
  template?: AttackTemplate;
  chain?: ConverterChain;
  scope?: "prompt" | "rendered";
  note?: string;
  /** Stream label for the converters' rng, so each probe's random choices are independent and reproducible. */
  label: string;
}

/** A one-message probe from template × converters; an LLM converter's failure becomes a ProbeError. */
export async function singleTurnProbe(rt: StrategyRuntime, turn: SingleTurn): Promise<Probe | ProbeError> {
  const rendered = await renderAttack({
    prompt: turn.prompt,
    template: turn.template,
    converters: turn.chain,
    rng: rt.rng.fork(turn.label),
    signal: rt.signal,
    scope: turn.scope,
  });
  if (!rendered.ok) return { error: `converter ${rendered.converter} failed: ${rendered.error}` };
  return {
    messages: [user(rendered.text)],
    template: rendered.template,
    converters: rendered.converters,
    ...(turn.note === undefined ? {} : { note: turn.note }),
  };
}
