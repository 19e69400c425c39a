import type { ContaminationMatch } from "./decontaminate.js";
import type { ExampleKind } from "./types.js";

export type RemovalReason = "exact-duplicate" | "near-duplicate" | "contamination" | "balance" | "mix";

/** One example curation removed, and why: the removal report has one of these per example. */
export interface RemovedExample {
  id: string;
  set: "sft" | "preference";
  kind: ExampleKind;
  harmArea: string;
  reason: RemovalReason;
  /** The example kept in its place (duplicates). */
  duplicateOf?: string;
  similarity?: number;
  /** Every evaluation or held-out text it matched (contamination). */
  matches?: ContaminationMatch[];
}

export function countRemovals(removed: readonly RemovedExample[]): Record<RemovalReason, number> {
  const out: Record<RemovalReason, number> = {
    "exact-duplicate": 0,
    "near-duplicate": 0,
    contamination: 0,
    balance: 0,
    mix: 0,
  };
  for (const r of removed) out[r.reason]++;
  return out;
}
