import { BreakfixError, type ChatModel, type Registry, type Rng } from "../../core/index.js";
import type { Converter } from "./define-converter.js";
import { type BoundConverter, resolveConverter } from "./registry.js";

export interface ChainDeps {
  /** The model LLM-backed converters call (translation, paraphrase, ...). */
  model?: ChatModel;
  registry?: Registry<Converter>;
}

/** A chain's output, or why it could not be produced (an LLM converter's model failed): failures are data. */
export type ConvertResult = { ok: true; text: string } | { ok: false; converter: string; error: string };

export interface ConverterChain {
  /** Normalised ids in the order applied. */
  readonly ids: string[];
  /** True when every converter in the chain is decodable (the empty chain is). */
  readonly decodable: boolean;
  readonly usesModel: boolean;
  apply(text: string, options: { rng: Rng; signal?: AbortSignal }): Promise<ConvertResult>;
  /** Inverts the chain, last converter first; throws USAGE for a chain that is not decodable. */
  decode(text: string): string;
}

/**
 * Composes converters left to right: `createChain(["base64", "rot13"])` base64-encodes, then ROT13s the
 * result. Each step draws from its own rng stream (forked by position and id), so one converter's draws
 * never shift another's. Unknown ids and LLM converters without a model are USAGE errors up front.
 */
export function createChain(ids: readonly string[], deps: ChainDeps = {}): ConverterChain {
  const steps: BoundConverter[] = ids.map((id) => resolveConverter(id, deps.registry));
  const needsModel = steps.find((s) => s.converter.kind === "llm");
  if (needsModel && !deps.model) {
    throw new BreakfixError(
      "USAGE",
      `converter ${needsModel.id} is LLM-backed and no model was given for it`,
      {
        fix: "configure a converter model, or use pure converters only",
      },
    );
  }
  const decodable = steps.every((s) => s.converter.decodable);
  return {
    ids: steps.map((s) => s.id),
    decodable,
    usesModel: needsModel !== undefined,
    async apply(text, { rng, signal }) {
      let current = text;
      for (const [i, step] of steps.entries()) {
        try {
          current = await step.converter.convert(current, {
            rng: rng.fork(`${i}:${step.id}`),
            param: step.param,
            model: deps.model,
            signal,
          });
        } catch (err) {
          if (err instanceof BreakfixError && (err.code === "MODEL_UNAVAILABLE" || err.code === "ABORTED")) {
            return { ok: false, converter: step.id, error: err.message };
          }
          throw err;
        }
      }
      return { ok: true, text: current };
    },
    decode(text) {
      if (!decodable) {
        const first = steps.find((s) => !s.converter.decodable);
        throw new BreakfixError("USAGE", `converter chain is not decodable: ${first?.id} has no decoder`, {
          fix: "decode only chains whose converters are all decodable (see breakfix list converters)",
        });
      }
      return steps.reduceRight((acc, s) => s.converter.decode?.(acc, s.param) ?? acc, text);
    },
  };
}
