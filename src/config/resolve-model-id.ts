import { BreakfixError } from "../core/index.js";
import { type ModelRef, parseModelRef } from "../models/index.js";
import type { ModelSettings } from "./types.js";

/** The model used when none is given or configured: the built-in base model, so everything runs offline. */
export const BUILTIN_DEFAULT_MODEL = "engine:base";

/**
 * Turns what a user typed (a model id, an alias, or nothing for the default) into the ref of a model a
 * provider serves: a text that is neither `provider:name` nor an alias is a typo here, not a folder.
 */
export function resolveModelRef(models: ModelSettings, given?: string): ModelRef {
  const wanted = given ?? models.default ?? BUILTIN_DEFAULT_MODEL;
  const ref = parseModelRef(wanted, models.aliases);
  if (ref.kind === "folder") {
    throw new BreakfixError("NOT_FOUND", `"${wanted}" is neither a model id nor a configured alias`, {
      fix: `write provider:name (e.g. \`openai:gpt-4o-mini\`) or one of the aliases: ${Object.keys(models.aliases).join(", ") || "(none configured)"}`,
    });
  }
  return ref;
}
