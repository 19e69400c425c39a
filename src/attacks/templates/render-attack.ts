import type { Rng } from "../../core/index.js";
import type { ConverterChain } from "../converters/chain.js";
import { type AttackTemplate, renderTemplate } from "./attack-template.js";

export interface RenderAttackInput {
  prompt: string;
  template?: AttackTemplate;
  converters?: ConverterChain;
  rng: Rng;
  signal?: AbortSignal;
  /**
   * `prompt` (default): convert the request, then put it into the template, so the template's framing
   * stays readable. `rendered`: convert the whole rendered text.
   */
  scope?: "prompt" | "rendered";
}

export type RenderedAttack =
  | { ok: true; text: string; template?: string; converters: string[] }
  | { ok: false; converter: string; error: string; template?: string; converters: string[] };

/** Template × converter chain → the text sent to the target; an LLM converter's failure comes back as data. */
export async function renderAttack(input: RenderAttackInput): Promise<RenderedAttack> {
  const { template, converters } = input;
  const provenance = { template: template?.id, converters: converters?.ids ?? [] };
  const convert = async (text: string) =>
    converters
      ? converters.apply(text, { rng: input.rng, signal: input.signal })
      : { ok: true as const, text };
  if ((input.scope ?? "prompt") === "prompt") {
    const converted = await convert(input.prompt);
    if (!converted.ok) return { ...converted, ...provenance };
    return {
      ok: true,
      text: template ? renderTemplate(template, converted.text) : converted.text,
      ...provenance,
    };
  }
  const converted = await convert(template ? renderTemplate(template, input.prompt) : input.prompt);
  return converted.ok ? { ok: true, text: converted.text, ...provenance } : { ...converted, ...provenance };
}
