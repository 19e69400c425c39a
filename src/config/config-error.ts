import { BreakfixError, type ErrorLocation } from "../core/index.js";

/** Every config problem is one CONFIG_INVALID error: where, what, and what to write instead. */
export function configError(message: string, fix: string, location: ErrorLocation): BreakfixError {
  return new BreakfixError("CONFIG_INVALID", message, { fix, location });
}
