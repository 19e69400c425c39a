import type { JudgeScore } from "./judge.js";
import type { Message } from "./messages.js";

/**
 * Outcome of one attack attempt. `error` means the attempt could not be completed (target or judge call
 * failed) — distinct from `failure`, which means the model held.
 */
export type AttackOutcome = "success" | "failure" | "error";

export interface AttackResult {
  runId: string;
  objectiveId: string;
  /** Strategy id (`direct`, `template`, `crescendo`, ...). */
  strategy: string;
  /** Converter ids in the order applied. */
  converters: string[];
  /** Jailbreak template id, when one was used. */
  template?: string;
  attempt: number;
  outcome: AttackOutcome;
  transcript: Message[];
  /** Number of target-model queries spent. */
  queries: number;
  scores: JudgeScore[];
  harmArea?: string;
  language?: string;
  /** Reason for `error`. */
  error?: string;
}
