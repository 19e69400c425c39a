import { BreakfixError } from "../core/index.js";
import type { ModelSettings } from "./types.js";

/** The model used when none is given or configured: the built-in base model, so everything runs offline. */
export const BUILTIN_DEFAULT_MODEL = "engine:base";

/**
 * Turns what a user typed (a model id, an alias, or nothing for the default) into a `provider:name` id.
 * Aliases resolve one level: an alias naming another alias would be a loop waiting to happen.
 */
export function resolveModelId(models: ModelSettings, given?: string): string {
  const wanted = given ?? models.default ?? BUILTIN_DEFAULT_MODEL;
  const id = models.aliases[wanted] ?? wanted;
  if (!id.includes(":")) {
    throw new BreakfixError("NOT_FOUND", `"${wanted}" is neither a model id nor a configured alias`, {
      fix: `write provider:name (e.g. \`openai:gpt-4o-mini\`) or one of the aliases: ${Object.keys(models.aliases).join(", ") || "(none configured)"}`,
    });
  }
  return id;
}
