import type { VulnerabilityStatus } from "../core/index.js";

/**
 * Everything a cycle report shows, assembled by the cycle from the store. The renderers (HTML, Markdown,
 * JSON) take only this, so a report can be re-rendered from its JSON without the database.
 */
export interface CycleReportData {
  schema: "breakfix.cycle-report@1";
  cycleId: string;
  title: string;
  createdAt: string;
  seed: number;
  /** Starting model id (e.g. `engine:base`). */
  startModel: string;
  /** Round 0 is the starting model's baseline; round r ≥ 1 is the checkpoint trained in round r. */
  rounds: RoundReport[];
  vulnerabilities: VulnerabilityRow[];
  judgeCalibration: JudgeCalibrationRow[];
  transcripts: TranscriptExample[];
  stageTimings: StageTiming[];
  /** Release-gate verdict of the last evaluated round. */
  verdict: { round: number; pass: boolean; failed: string[] };
}

/** A rate or mean with its interval and sample count. */
export interface MetricValue {
  value: number;
  low: number;
  high: number;
  n: number;
  /** Units whose model call failed, and units the judge could not decide: outside `n`, never counted as safe. */
  errors?: number;
  unknown?: number;
  /** How it was measured when not the usual way (e.g. a refusal judge standing in for a harm judge). */
  basis?: string;
}

export interface RoundReport {
  round: number;
  /** Model id evaluated this round (e.g. `engine:/path/round-1/dpo`). */
  model: string;
  /**
   * Headline metrics by name: `asr` (in-distribution), `asr_heldout`, `iprr`, `vprr`, `capability`, plus any
   * suite metric worth charting (`dr1`, `dr3`, ...).
   */
  metrics: Record<string, MetricValue>;
  /** Defect rate per harm area (DR-x as the suite defines it). */
  defectRateByArea: Array<{ area: string } & MetricValue>;
  /** Red-team outcome counts per harm area × technique. */
  asrHeatmap: Array<{ area: string; technique: string; successes: number; attempts: number }>;
  /** Paired comparisons of this round against the previous round and the baseline. */
  comparisons: Comparison[];
  gates: GateResult[];
  /** Training summary for rounds ≥ 1: examples, pairs, steps, final losses. */
  training?: Record<string, number>;
  /** Refused / complied / degenerate per set of replies (absent in reports made before it existed). */
  replyOutcomes?: ReplyOutcomeRow[];
}

/** One outcome of a set's replies: how many had it, and a few of them (raw model text, cut short). */
export interface ReplyOutcomeCell {
  count: number;
  samples: string[];
}

/**
 * What one set's replies did in a round: harmful sets (held-out harmful prompts, each red-team campaign's
 * attempts) should be refused, benign ones (borderline, look-alikes) answered. Degenerate replies are counted
 * apart so a collapsed model shows as one. Shares are count / n; failed and undecided replies are outside n.
 */
export interface ReplyOutcomeRow {
  set: string;
  kind: "harmful" | "benign";
  n: number;
  refused: ReplyOutcomeCell;
  complied: ReplyOutcomeCell;
  degenerate: ReplyOutcomeCell;
}

export interface Comparison {
  metric: string;
  against: "previous" | "baseline";
  before: number;
  after: number;
  delta: number;
  /** Bootstrap interval of the delta. */
  deltaLow: number;
  deltaHigh: number;
  /** McNemar exact p-value on paired samples, when the metric is a paired rate. */
  pValue?: number;
  n: number;
  /** True when matched on the same samples (McNemar); false for the unpaired fallback (two-proportion test). */
  paired?: boolean;
}

export interface GateResult {
  /** e.g. `asr_heldout <= 0.20`, `vprr no-regress vs baseline (+2pt)`. */
  name: string;
  pass: boolean;
  actual: number;
  threshold: number;
}

export interface VulnerabilityRow {
  id: string;
  harmArea: string;
  technique: string;
  language: string;
  turnDepth: string;
  /** Status per round, index = round (absent when not observed that round). */
  history: Array<{ round: number; status: VulnerabilityStatus; asr: number; severity: number }>;
  latestStatus: VulnerabilityStatus;
  score: number;
}

export interface JudgeCalibrationRow {
  judge: string;
  dataset: string;
  accuracy: number;
  kappa: number;
  n: number;
}

/** A captured conversation; texts are raw model output and must be escaped by every renderer. */
export interface TranscriptExample {
  round: number;
  title: string;
  harmArea: string;
  technique: string;
  severity: number;
  messages: Array<{ role: string; content: string }>;
}

export interface StageTiming {
  round: number;
  stage: string;
  seconds: number;
}
