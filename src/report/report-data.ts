import type {
  AsrHeatmapCell,
  Comparison,
  JudgeCalibrationRow,
  MetricValue,
  ReplyOutcomeRow,
  TranscriptExample,
  VulnerabilityRow,
} from "../stats/index.js";

// The figures are the statistics' own types: the report shows them as measured.
export type {
  AsrHeatmapCell,
  Comparison,
  JudgeCalibrationRow,
  MetricValue,
  ReplyOutcomeCell,
  ReplyOutcomeRow,
  TranscriptExample,
  VulnerabilityRow,
} from "../stats/index.js";

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
  asrHeatmap: AsrHeatmapCell[];
  /** Paired comparisons of this round against the previous round and the baseline. */
  comparisons: Comparison[];
  gates: GateResult[];
  /** Training summary for rounds ≥ 1: examples, pairs, steps, final losses. */
  training?: Record<string, number>;
  /** Refused / complied / degenerate per set of replies (absent in reports made before it existed). */
  replyOutcomes?: ReplyOutcomeRow[];
}

export interface GateResult {
  /** e.g. `asr_heldout <= 0.20`, `vprr no-regress vs baseline (+2pt)`. */
  name: string;
  pass: boolean;
  actual: number;
  threshold: number;
}

export interface StageTiming {
  round: number;
  stage: string;
  seconds: number;
}
