import { BreakfixError, createRng } from "../core/index.js";
import type { CycleReportData, JudgeCalibrationRow, RoundReport, StageTiming } from "../report/index.js";
import {
  asrHeatmap,
  loadRoundData,
  type MetricUnits,
  type RoundDataOptions,
  type RoundSnapshot,
  replyOutcomeRows,
  roundUnits,
  storedSnapshots,
  vulnerabilityRows,
  worstTranscripts,
} from "../stats/index.js";
import type { Store } from "../store/index.js";
import type { CycleState, RoundState } from "./cycle-state.js";
import { evaluateRound, type GateConfig, gateVerdict } from "./gates/index.js";

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
  const reports = data.map((d, i): RoundReport => {
    const { metrics, comparisons, gates } = evaluateRound(
      o.gates,
      {
        round: d.round.round,
        current: units[i] as MetricUnits[],
        ...(i > 0 ? { previous: units[i - 1] as MetricUnits[], baseline: units[0] as MetricUnits[] } : {}),
      },
      {
        seed: createRng(state.seed).fork(`compare:round-${d.round.round}`).seed,
        ...(o.bootstrap ? { bootstrap: o.bootstrap } : {}),
      },
    );
    const training = trainingSummary(rounds[i] as RoundState);
    return {
      round: d.round.round,
      model: (rounds[i] as RoundState).model?.written ?? "",
      metrics,
      defectRateByArea: Object.entries(metrics)
        .filter(([name]) => name.startsWith("dr:"))
        .map(([name, value]) => ({ area: name.slice(3), ...value })),
      asrHeatmap: asrHeatmap(d),
      comparisons,
      gates,
      ...(training ? { training } : {}),
      replyOutcomes: replyOutcomeRows(d),
    };
  });
  const last = reports[reports.length - 1] as RoundReport;
  return {
    schema: "breakfix.cycle-report@1",
    cycleId: state.cycleId,
    title: o.title ?? `Break-fix cycle ${state.cycleId}`,
    createdAt: o.createdAt ?? new Date().toISOString(),
    seed: state.seed,
    startModel: state.startModel.written,
    rounds: reports,
    vulnerabilities: vulnerabilityRows(o.vulnerabilities ?? storedSnapshots(store, rounds)),
    judgeCalibration: [...(o.judgeCalibration ?? [])],
    transcripts: data.flatMap((d) => worstTranscripts(d, o.transcriptsPerRound ?? 3)),
    stageTimings: stageTimings(rounds),
    verdict: { round: last.round, ...gateVerdict(last.gates) },
  };
}

/** Training summary of a round: fix-data sizes, then each training run's final metrics as `<method>.<name>`. */
export function trainingSummary(round: RoundState): Record<string, number> | undefined {
  if (!round.dataset && !round.training?.length) return undefined;
  const out: Record<string, number> = {};
  if (round.dataset) {
    out["sft_examples"] = round.dataset.sft;
    out["dpo_pairs"] = round.dataset.dpo;
  }
  for (const t of round.training ?? []) {
    for (const [name, value] of Object.entries(t.metrics)) out[`${t.method}.${name}`] = value;
  }
  return out;
}

/** Seconds per stage of every round, in the order the stages ran. */
export function stageTimings(rounds: readonly RoundState[]): StageTiming[] {
  return rounds.flatMap((r) =>
    Object.entries(r.timings).map(([stage, seconds]) => ({ round: r.round, stage, seconds })),
  );
}
