import { sha256Hex, stableStringify } from "../../core/index.js";
import type { LogisticModel } from "./sparse-logistic.js";

/** A model shipped as JSON, with its version = the first 12 hex of the weights' hash. */
export function shippedModel(json: unknown): { model: LogisticModel; version: string } {
  const model = json as LogisticModel;
  return { model, version: sha256Hex(stableStringify(model)).slice(0, 12) };
}
