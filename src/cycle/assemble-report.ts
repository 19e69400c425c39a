import { BreakfixError, createRng } from "../core/index.js";
import type { CycleReportData, JudgeCalibrationRow, RoundReport } from "../report/report-data.js";
import type { Store } from "../store/index.js";
import type { CycleState } from "./cycle-state.js";
import { evaluateGates, type GateConfig, gateVerdict } from "./gates/index.js";
import {
  asrHeatmap,
  compareUnits,
  loadRoundData,
  type MetricUnits,
  metricValueOf,
  type RoundDataOptions,
  type RoundSnapshot,
  roundUnits,
  stageTimings,
  storedSnapshots,
  trainingSummary,
  vulnerabilityRows,
  worstTranscripts,
} from "./stats/index.js";

export interface AssembleReportOptions extends RoundDataOptions {
  /** Default `Break-fix cycle <cycle id>`. */
  title?: string;
  gates: GateConfig;
  /** Vulnerability snapshots per cycle round; default: what the vuln stage stored for each round's scope. */
  vulnerabilities?: readonly RoundSnapshot[];
  /** Judge agreement with human labels (`measureJudgeCalibration`); none is shown when absent. */
  judgeCalibration?: readonly JudgeCalibrationRow[];
  /** Worst breaks shown per round (default 3). */
  transcriptsPerRound?: number;
  /** Default now; pass it for a byte-identical report. */
  createdAt?: string;
  /** Bootstrap resamples per comparison (default 1000). */
  bootstrap?: number;
}

/**
 * Everything the cycle report shows, from the store and the cycle's state: per round its metrics (with
 * intervals), DR per harm area, the ASR heatmap, paired comparisons against the previous round and the
 * baseline, and the gates; then the vulnerabilities' status history, judge calibration, the worst transcripts,
 * stage timings and the last round's verdict. Deterministic for the state's seed (and a given `createdAt`).
 */
export function assembleReportData(
  store: Store,
  state: CycleState,
  o: AssembleReportOptions,
): CycleReportData {
  if (state.rounds.length === 0) {
    throw new BreakfixError("USAGE", `cycle ${state.cycleId} has no evaluated round yet`, {
      fix: "run or resume the cycle until round 0 (the baseline) is measured",
    });
  }
  const rounds = [...state.rounds].sort((a, b) => a.round - b.round);
  const data = rounds.map((r) => loadRoundData(store, r, o));
  const units: MetricUnits[][] = data.map(roundUnits);
  const baseline = units[0] as MetricUnits[];
  const reports = data.map((d, i): RoundReport => {
    const mine = units[i] as MetricUnits[];
    const metrics = Object.fromEntries(mine.map((m) => [m.name, metricValueOf(m)]));
    const seed = createRng(state.seed).fork(`compare:round-${d.round.round}`).seed;
    const compare = (before: MetricUnits[], against: "previous" | "baseline") =>
      compareUnits(before, mine, { seed, against, ...(o.bootstrap ? { bootstrap: o.bootstrap } : {}) });
    const previous = i > 0 ? compare(units[i - 1] as MetricUnits[], "previous") : undefined;
    const vsBaseline = i > 0 ? compare(baseline, "baseline") : undefined;
    const training = trainingSummary(d.round);
    return {
      round: d.round.round,
      model: d.round.model,
      metrics,
      defectRateByArea: mine
        .filter((m) => m.name.startsWith("dr:"))
        .map((m) => ({ area: m.name.slice(3), ...metricValueOf(m) })),
      asrHeatmap: asrHeatmap(d),
      comparisons: [...(previous ?? []), ...(vsBaseline ?? [])],
      gates: evaluateGates(o.gates, {
        current: metrics,
        ...(previous ? { previous } : {}),
        // Round 1's previous round is the baseline: gated once, as the cycle's gates stage does.
        ...(vsBaseline && i > 1 ? { baseline: vsBaseline } : {}),
      }),
      ...(training ? { training } : {}),
    };
  });
  const last = reports[reports.length - 1] as RoundReport;
  return {
    schema: "breakfix.cycle-report@1",
    cycleId: state.cycleId,
    title: o.title ?? `Break-fix cycle ${state.cycleId}`,
    createdAt: o.createdAt ?? new Date().toISOString(),
    seed: state.seed,
    startModel: state.startModel,
    rounds: reports,
    vulnerabilities: vulnerabilityRows(o.vulnerabilities ?? storedSnapshots(store, rounds)),
    judgeCalibration: [...(o.judgeCalibration ?? [])],
    transcripts: data.flatMap((d) => worstTranscripts(d, o.transcriptsPerRound ?? 3)),
    stageTimings: stageTimings(rounds),
    verdict: { round: last.round, ...gateVerdict(last.gates) },
  };
}
