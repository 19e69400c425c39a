import { BreakfixError, user } from "../../core/index.js";
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
  /** Also judge the reply decoded through a decodable chain (targets often answer in the encoding). */
  decodeReplies?: boolean;
  /** Stream label for the converters' rng, so each probe's random choices are independent and reproducible. */
  label: string;
}

/** A one-message probe from template × converters; an LLM converter's failure becomes a ProbeError. */
export async function singleTurnProbe(rt: StrategyRuntime, turn: SingleTurn): Promise<Probe | ProbeError> {
  const chain = turn.chain;
  const rendered = await renderAttack({
    prompt: turn.prompt,
    template: turn.template,
    converters: chain,
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
    ...(turn.decodeReplies && chain?.decodable && chain.ids.length > 0
      ? { decodeReply: decoderOf(chain) }
      : {}),
  };
}

/** The chain's decoder, with text that is not in the encoding (a plain refusal, say) giving undefined. */
function decoderOf(chain: ConverterChain): (reply: string) => string | undefined {
  return (reply) => {
    try {
      return chain.decode(reply.trim());
    } catch (err) {
      if (err instanceof BreakfixError && err.code === "DATA_INVALID") return undefined;
      throw err;
    }
  };
}
