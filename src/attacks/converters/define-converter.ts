import type { ChatModel, Plugin, Rng } from "../../core/index.js";
import { BreakfixError } from "../../core/index.js";

/** What a converter may use besides its input: the seeded rng, a model for LLM-backed ones, a signal. */
export interface ConverterContext {
  rng: Rng;
  /** The bound parameter of a parameterised converter (`3` in `caesar:3`); undefined otherwise. */
  param: string | undefined;
  /** The model LLM-backed converters call; pure converters ignore it. */
  model?: ChatModel;
  signal?: AbortSignal;
}

/** A parameter such as Caesar's shift or the target language: one string after the colon in the id. */
export interface ConverterParameter {
  name: string;
  /** Used when the id carries no parameter; without one the parameter is required. */
  default?: string;
  /** A value the contract test and `list` use to show the parameterised form. */
  example: string;
  /** Returns why `value` is invalid, or undefined when it is fine. */
  check(value: string): string | undefined;
}

export interface ConverterSpec extends Plugin {
  /** `decode(convert(x)) === x` for every well-formed string x (no lone surrogates). */
  decodable: boolean;
  /** `pure`: a function of text, param and rng only. `llm`: calls `ctx.model`. */
  kind: "pure" | "llm";
  parameter?: ConverterParameter;
  /**
   * Pure converters return the text; LLM converters throw a BreakfixError (code MODEL_UNAVAILABLE) when the
   * model call fails or returns nothing, so the unconverted text is never passed on. Chains turn that error
   * into data (`ConvertResult` with `ok: false`).
   */
  convert(text: string, ctx: ConverterContext): string | Promise<string>;
  /** Present exactly when `decodable`; throws DATA_INVALID on text that is not this encoding. */
  decode?(text: string, param: string | undefined): string;
  /**
   * For a converter that is not decodable only because it loses case or a seeded choice (Morse, enclosed
   * letters): the text read back in lower case, so a decontaminator or judge can see the request.
   */
  readBack?(text: string): string;
}

export type Converter = ConverterSpec;

/** The one way to define a converter: checks the decodable/decode pairing and the parameter default. */
export function defineConverter(spec: ConverterSpec): Converter {
  if (spec.decodable !== (spec.decode !== undefined)) {
    throw new BreakfixError(
      "INTERNAL",
      `converter ${spec.id}: decodable must be true exactly when decode exists`,
    );
  }
  if (spec.readBack && spec.decodable) {
    throw new BreakfixError(
      "INTERNAL",
      `converter ${spec.id}: a decodable converter has decode, not readBack`,
    );
  }
  if (spec.id.includes(":")) {
    throw new BreakfixError("INTERNAL", `converter ${spec.id}: parameters go after the id, not in it`);
  }
  const p = spec.parameter;
  if (
    p &&
    (p.check(p.example) !== undefined || (p.default !== undefined && p.check(p.default) !== undefined))
  ) {
    throw new BreakfixError("INTERNAL", `converter ${spec.id}: its example or default parameter is invalid`);
  }
  return spec;
}

/** Error for input that a decoder cannot read (a model's reply that is not valid base32, say). */
export function decodeError(converter: string, why: string): BreakfixError {
  return new BreakfixError("DATA_INVALID", `${converter}: cannot decode: ${why}`, {
    fix: `pass text produced by the ${converter} converter`,
  });
}
