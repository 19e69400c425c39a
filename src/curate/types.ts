import type { JudgeScore } from "../core/index.js";
import type { PreferencePair, SftExample } from "../training-data/index.js";

/** What an example is for: fixing a break, countering over-refusal, imported public data, or general help. */
export type ExampleKind = "fix" | "lookalike" | "import" | "helpfulness";

/** A judge verdict as kept with an example: enough to audit why it was admitted. */
export interface ProvenanceScore {
  judgeId: string;
  label: string;
  severity?: number;
  value?: number;
}

/**
 * Where one training example came from. Every example the compiler, importer or curator emits carries one;
 * the data files hold it in a sidecar (`*.provenance.jsonl`, one line per row, same order).
 */
export interface Provenance {
  kind: ExampleKind;
  harmArea: string;
  language: string;
  round: number;
  /** Template id (`refusal:violence#2`, `lookalike:homonyms/cut-the-cake`) or teacher model id. */
  generator: string;
  /** Dataset or run the example is drawn from (`finding`, `hh-rlhf:file.jsonl`, `helpfulness`). */
  source: string;
  vulnerabilityId?: string;
  findingId?: string;
  /** Look-alike family (XSTest kind and subject), for over-refusal examples. */
  lookalikeKind?: string;
  lookalikeFamily?: string;
  /** How the turn that went wrong was found (fix examples of multi-turn breaks). */
  breakTurn?: string;
  /** Template of a pair's rejected side when it was written, not captured (a look-alike's refusal). */
  rejectedGenerator?: string;
  /** Row of an imported file (1-based line). */
  row?: number;
  judgeScores: ProvenanceScore[];
}

export interface CandidateSft {
  id: string;
  example: SftExample;
  provenance: Provenance;
}

export interface CandidatePair {
  id: string;
  pair: PreferencePair;
  provenance: Provenance;
}

/** A generated example that did not pass its judge check. */
export interface DroppedCandidate {
  id: string;
  kind: ExampleKind;
  vulnerabilityId?: string;
  findingId?: string;
  /** The response that failed, and why. */
  response: string;
  reason: string;
  score?: ProvenanceScore;
}

export interface FixCandidates {
  sft: CandidateSft[];
  pairs: CandidatePair[];
  dropped: DroppedCandidate[];
  /** Things the compiler skipped or fell back on (a missing finding, a failed teacher call). */
  warnings: string[];
}

export function provenanceScore(s: JudgeScore): ProvenanceScore {
  return {
    judgeId: s.judgeId,
    label: s.label,
    ...(s.severity === undefined ? {} : { severity: s.severity }),
    ...(s.value === undefined ? {} : { value: s.value }),
  };
}
