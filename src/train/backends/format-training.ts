import type { HostedFineTuneResult } from "../hosted/run-hosted-fine-tune.js";
import type { TrainMethod } from "../run-engine-training.js";
import type { TrainingDetail } from "./training-job.js";

/** A hosted job's outcome in one line. */
export const formatHostedJob = (result: HostedFineTuneResult): string =>
  `job ${result.jobId} ${result.status}: ${result.fineTunedModel ?? "no model"} (run ${result.runId})`;

/** What a training run did, for people (`--json` prints the backend's result itself). */
export function formatTraining(method: TrainMethod, detail: TrainingDetail): string {
  const metrics = (m: Record<string, number>) =>
    Object.entries(m).map(([k, v]) => `  ${k} ${Number(v.toPrecision(5))}`);
  if (detail.backend === "openai") return formatHostedJob(detail.result);
  if (detail.backend === "torch") {
    const r = detail.result;
    return [
      `torch ${method} ${r.steps} steps → ${r.hfOut}`,
      ...metrics(r.metrics),
      `checkpoint ${r.checkpointId ?? "(not recorded)"}, run ${r.runId}`,
    ].join("\n");
  }
  const r = detail.result;
  return [
    `${method.toUpperCase()} ${r.steps} steps${r.resumedFromStep ? ` (resumed at ${r.resumedFromStep})` : ""} → ${r.outDir}`,
    ...metrics(r.metrics),
    ...(r.dropped ? [`  ${r.dropped} rows skipped (too long for the context or nothing to train on)`] : []),
    r.checkpointId
      ? `checkpoint ${r.checkpointId} (parent ${r.parentId}), run ${r.runId}; use it as engine:${r.outDir}`
      : `interrupted: rerun with --resume to continue (run ${r.runId})`,
  ].join("\n");
}
