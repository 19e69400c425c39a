import type { ModelRef } from "../models/index.js";

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

export interface RoundState {
  round: number;
  /**
   * Model evaluated this round (round 0: the start model; round r: the checkpoint trained in round r, absent
   * until trained); written as its id.
   */
  model?: ModelRef;
  /** Bench run id per suite id (e.g. `xstest`, `jailbreak-dr`, `capability`, `lookalike-benign`). */
  benchRuns: Record<string, string>;
  /** Red-team campaign run ids: attacks used to make fix data, and held-out families used only to evaluate. */
  campaignRuns: {
    inDistribution?: string;
    heldOut?: string;
    /**
     * The in-distribution families against the held-out requests: does a fix carry over to unseen requests of
     * the same attack family (rather than only to the attack texts it was trained on)?
     */
    unseenRequests?: string;
  };
  /** Vulnerability scope and round as stored by the vuln stage. */
  vulnerabilities?: { scope: string; round: number };
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
