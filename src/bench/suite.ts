import type { GenerateOptions, GenerateResult, Message, Plugin, Rng, Sample } from "../core/index.js";
import type { JudgeRole } from "../judges/index.js";
import type { MetricSpec } from "./metric-spec.js";

export type { JudgeRole } from "../judges/index.js";

/** How the model is queried for one item. Template wrapping happens at load time (the prompt is wrapped). */
export type PlaySpec =
  | { kind: "single" }
  | {
      kind: "multi-turn";
      /** Assistant turns to play. */
      turns: number;
      persona: string;
      goal: string;
      taskType: string;
      /** Opening user message and escalation steps for the offline (template) user. */
      script: string[];
    };

/**
 * One planned unit of work, stored as the run item's payload: everything needed to query, judge and
 * report it, so a resumed run and `bench show` need neither the dataset nor the suite's loader.
 */
export interface BenchItem {
  suite: string;
  sampleId: string;
  prompt: string | Message[];
  /** What the judge is told the request aimed at (the behaviour, or the expected answer for exact match). */
  goal?: string;
  harmArea?: string;
  benign?: boolean;
  language?: string;
  expected?: string;
  /** Grounding context (groundedness suite). */
  context?: string;
  /** Breakdown keys: category, prompt type, template, task type, ... */
  groups: Record<string, string>;
  play: PlaySpec;
}

export interface SuiteLoadContext {
  /** Samples of a dataset by registry id (the CLI loads from the datasets root; tests pass tiny sets). */
  loadSamples(datasetId: string): Promise<Sample[]>;
  rng: Rng;
  /** At most this many items (a seeded choice), when set. */
  limit?: number;
  /** Suite-specific options (`capabilityFile`, `turns`, ...). */
  options: Record<string, unknown>;
}

/** The judge a suite runs with, as the metric definitions need to know it. */
export interface JudgeInfo {
  id: string;
  /** True when the judge grades 0–7 severity (DR-x is then defined); false for safe/unsafe judges. */
  gradesSeverity: boolean;
}

export interface Suite extends Plugin {
  role: JudgeRole;
  /** Judge id used when `--judge` gives none of this role. */
  defaultJudge: string;
  /** Which judges give meaningful numbers here (shown in `bench list` and `--help`). */
  judgeNote?: string;
  load(ctx: SuiteLoadContext): Promise<BenchItem[]>;
  metrics(judge: JudgeInfo): MetricSpec[];
}

/** The one way to define a suite: a typed identity that keeps definitions uniform. */
export function defineSuite(suite: Suite): Suite {
  return suite;
}

/** A model call a simulator made, recorded beside the target's generations. */
export interface SimulatorCall {
  modelId: string;
  messages: Message[];
  params: Omit<GenerateOptions, "signal">;
  result: GenerateResult;
}

/** A simulated user for multi-turn items: returns the next user message, or a failure reason. */
export interface UserSimulator {
  readonly id: string;
  next(
    item: BenchItem,
    conversation: readonly Message[],
    turn: number,
    signal?: AbortSignal,
  ): Promise<({ ok: true; text: string } | { ok: false; error: string }) & { call?: SimulatorCall }>;
}
