import type { ModelRef } from "../models/index.js";
import type { MeasuredRound } from "../stats/index.js";

/**
 * What a cycle has produced so far, round by round: the ids of every stage's output in the store (bench runs,
 * red-team campaigns, datasets, checkpoints). The orchestrator writes it after each stage; gates, statistics
 * and the report read it. Round 0 is the starting model's baseline (no curation or training).
 */
export interface CycleState {
  cycleId: string;
  seed: number;
  startModel: ModelRef;
  rounds: RoundState[];
}

/** A round's measured runs (see `MeasuredRound`), its model, and what its curation and training produced. */
export interface RoundState extends MeasuredRound {
  /**
   * Model evaluated this round (round 0: the start model; round r: the checkpoint trained in round r, absent
   * until trained); written as its id.
   */
  model?: ModelRef;
  /** Fix data curated from the previous round's vulnerabilities (rounds ≥ 1). */
  dataset?: {
    name: string;
    version: string;
    dir: string;
    sft: number;
    dpo: number;
    /** The training files (OpenAI chat SFT JSONL, OpenAI preference JSONL) the round trained on. */
    files?: { sft?: string; dpo?: string };
  };
  /** Training outputs (rounds ≥ 1): checkpoint ids and directories, SFT then DPO. */
  training?: Array<{
    method: "sft" | "dpo";
    runId: string;
    checkpointDir: string;
    metrics: Record<string, number>;
  }>;
  /** Seconds spent per stage, by stage name. */
  timings: Record<string, number>;
}
