import type { JudgeScore } from "./judge.js";
import type { Message } from "./messages.js";

/** How a finding's attack was made. */
export interface FindingTechnique {
  strategy: string;
  converters: string[];
  template?: string;
  /** Strategy options as run (defaults filled in). */
  options?: Record<string, unknown>;
  /** Seed of the attempt's own rng stream: `createRng(seed)` replays its random choices. */
  seed?: number;
  /** Target-query budget the attempt ran under. */
  budget?: number;
  /** The objective the attack aimed at (the request before templates and converters). */
  objective?: { id: string; goal: string };
}

/**
 * A confirmed break: a transcript where the model produced harmful output, with everything the fix stage
 * needs to rebuild the attack and write a counter-example.
 */
export interface Finding {
  id: string;
  runId: string;
  /** Where it came from: `redteam` attempt, `bench` sample, or a reply flagged by hand (`manual`, web console). */
  origin: "redteam" | "bench" | "manual";
  /** Id of the attack result or sample result it was taken from. */
  sourceId: string;
  harmArea: string;
  /** Technique description: strategy, converter chain, template; red-team findings add what rebuilds it. */
  technique: FindingTechnique;
  language: string;
  /** Number of user turns before the harmful reply. */
  turnDepth: number;
  severity: number;
  transcript: Message[];
  scores: JudgeScore[];
  /** Round of the break-fix cycle, when known. */
  round?: number;
}

/**
 * What a finding is apart from the run that found it: its source id without the run's prefix (objective
 * and attempt for a red-team finding). Run ids carry the time of the run, so anything seeded or ordered
 * by a finding must use this key to come out the same for the same seed.
 */
export function findingKey(f: Pick<Finding, "runId" | "sourceId">): string {
  return f.sourceId.startsWith(`${f.runId}/`) ? f.sourceId.slice(f.runId.length + 1) : f.sourceId;
}

/** The store's record of a trained model: where it is and what it came from (the weights themselves are the
 * engine's `Checkpoint`, src/engine/formats). */
export interface CheckpointRecord {
  id: string;
  /** Parent checkpoint id; absent for a base model. */
  parentId?: string;
  /** Where the weights are (directory or file), or a remote model id for hosted fine-tunes. */
  location: string;
  /** Training kind that produced it: `base`, `sft`, `dpo`, `import`. */
  kind: string;
  /** Version/hash of the dataset it was trained on. */
  dataVersion?: string;
  config?: Record<string, unknown>;
  metrics?: Record<string, number>;
  createdAt?: string;
}
