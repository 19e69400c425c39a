import path from "node:path";
import { BreakfixError } from "../core/index.js";

/** `models.aliases` of breakfix.yaml: alias name → model id. */
export type ModelAliases = Readonly<Record<string, string>>;

export interface RefBase {
  /** The id the ref stands for, aliases resolved: what the resolver gets and a resolved model reports. */
  readonly id: string;
  /** The id as written (an alias, or the id itself): what the ref serialises and displays as. */
  readonly written: string;
  toJSON(): string;
  toString(): string;
}

/**
 * A model id, parsed. `engine:<name or folder>` is the built-in engine, `gguf:<file>` a local GGUF file,
 * `mock:<name>` a test double, `served:<trained model id>` a cycle's checkpoint measured through an
 * inference server, any other `<provider>:<model>` a configured or built-in provider's model, and a
 * text without a provider a Hugging Face model (a folder or hub name) that only the torch trainer takes.
 */
export type ModelRef =
  | (RefBase & {
      readonly kind: "engine" | "gguf" | "mock" | "provider";
      /** The provider named before the first colon, and the model name after it (which may hold colons). */
      readonly provider: string;
      readonly name: string;
    })
  | (RefBase & {
      readonly kind: "served";
      readonly provider: string;
      readonly name: string;
      /** The trainer's model underneath: what the server serves, and what training from it trains. */
      readonly trained: ModelRef;
    })
  | (RefBase & { readonly kind: "folder"; readonly path: string });

/** The kinds the code tells apart by their provider; every other provider is an API (`provider`). */
const KIND_OF_PROVIDER: Readonly<Record<string, "engine" | "gguf" | "mock" | "served">> = {
  engine: "engine",
  gguf: "gguf",
  mock: "mock",
  served: "served",
};

function written(this: RefBase): string {
  return this.written;
}

/**
 * The one parser of model ids, applied where an id enters (CLI flags, cycle configs, stored runs read
 * back). An alias resolves one level: an alias naming another alias would be a loop waiting to happen.
 */
export function parseModelRef(text: string, aliases: ModelAliases = {}): ModelRef {
  return refOf(Object.hasOwn(aliases, text) ? (aliases[text] as string) : text, text);
}

function refOf(id: string, as: string): ModelRef {
  const base = { id, written: as, toJSON: written, toString: written };
  const colon = id.indexOf(":");
  if (colon < 0) return { ...base, kind: "folder", path: id };
  const provider = id.slice(0, colon);
  const name = id.slice(colon + 1);
  if (provider === "" || name === "") throw notProviderModel(id);
  const kind = KIND_OF_PROVIDER[provider] ?? "provider";
  if (kind === "served") return { ...base, kind, provider, name, trained: refOf(name, name) };
  return { ...base, kind, provider, name };
}

/** What resolving an id that names no provider (or no model) says. */
export function notProviderModel(id: string): BreakfixError {
  return new BreakfixError("USAGE", `Model id "${id}" is not of the form provider:model`, {
    fix: "write it as e.g. openai:gpt-4o-mini, mock:refuse, or <configured provider>:<model>",
  });
}

/**
 * A model id of a config file with its local path made absolute against the file's folder: `gguf:x.gguf`
 * and `engine:./x` (a bare `engine:<name>` is a checkpoint name); any other id, or a malformed one (the
 * schema reports it at its field), unchanged.
 */
export function modelIdRelativeTo(text: string, dir: string): string {
  let ref: ModelRef;
  try {
    ref = parseModelRef(text);
  } catch {
    return text;
  }
  if (ref.kind === "folder" || path.isAbsolute(ref.name)) return text;
  if (ref.kind === "gguf" || (ref.kind === "engine" && /^\.\.?[\\/]/.test(ref.name)))
    return `${ref.provider}:${path.resolve(dir, ref.name)}`;
  return text;
}
