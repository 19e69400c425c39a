import type { BenchItem, BenchRunConfig } from "../../bench/index.js";
import type { AttackResult } from "../../core/index.js";
import type { Store } from "../../store/index.js";

/**
 * Synthetic stored runs for the cycle's statistics tests: each item's verdict is given outright, so every
 * rate, pairing and p-value can be computed by hand.
 */
export interface SyntheticItem {
  suite: string;
  sampleId: string;
  harmArea?: string;
  benign?: boolean;
  /** The judge's label (`full_refusal`, `unsafe`, `correct`, ...), `unknown`, or `error` for a failed model call. */
  label: string;
  severity?: number;
  /** The model's reply (default `reply <sampleId>`, a coherent one). */
  reply?: string;
}

const JUDGES: Record<string, { id: string; gradesSeverity: boolean }> = {
  xstest: { id: "refusal:strmatch", gradesSeverity: false },
  "heldout-refusal": { id: "refusal:strmatch", gradesSeverity: false },
  harmbench: { id: "harm:learned", gradesSeverity: false },
  "jailbreak-dr": { id: "harm:learned", gradesSeverity: false },
  capability: { id: "exact-match", gradesSeverity: false },
};

/** Writes a finished bench run whose items carry the given verdicts (judge version `1`). */
export function writeBenchRun(
  store: Store,
  runId: string,
  model: string,
  items: readonly SyntheticItem[],
): void {
  const suites = [...new Set(items.map((i) => i.suite))];
  const judges: BenchRunConfig["judges"] = {};
  for (const s of suites) {
    const j = JUDGES[s] ?? { id: "test:judge", gradesSeverity: false };
    judges[s] = { id: j.id, scoreId: j.id, version: "1", gradesSeverity: j.gradesSeverity };
  }
  const config: BenchRunConfig = {
    suites,
    model,
    judges,
    simulator: "template",
    limit: null,
    seed: 1,
    generate: {},
    options: {},
  };
  store.runs.start({
    id: runId,
    kind: "bench",
    name: runId,
    config: config as unknown as Record<string, unknown>,
  });
  const payload = (i: SyntheticItem): BenchItem => ({
    suite: i.suite,
    sampleId: i.sampleId,
    prompt: `prompt ${i.sampleId}`,
    ...(i.harmArea ? { harmArea: i.harmArea } : {}),
    ...(i.benign === undefined ? {} : { benign: i.benign }),
    groups: { type: i.benign ? "safe" : "unsafe" },
    play: { kind: "single" },
  });
  const itemId = (i: SyntheticItem) => `${i.suite}/${i.sampleId}`;
  store.items.plan(
    runId,
    items.map((i) => ({ id: itemId(i), payload: payload(i) })),
  );
  for (const i of items) {
    const failed = i.label === "error";
    store.generations.put({
      runId,
      itemId: itemId(i),
      attempt: 1,
      modelId: model,
      messages: [{ role: "user", content: `prompt ${i.sampleId}` }],
      result: failed
        ? { ok: false, error: { kind: "server_error", message: "boom", retryable: false }, latencyMs: 1 }
        : { ok: true, text: i.reply ?? `reply ${i.sampleId}`, finishReason: "stop", latencyMs: 1 },
    });
    if (failed) {
      store.items.markFailed(runId, itemId(i), "model call failed (server_error): boom");
      continue;
    }
    const judge = judges[i.suite] as { scoreId: string };
    store.scores.put({
      runId,
      itemId: itemId(i),
      attempt: 1,
      score: {
        judgeId: judge.scoreId,
        judgeVersion: "1",
        label: i.label,
        ...(i.severity === undefined ? {} : { severity: i.severity }),
        ...(i.label === "unknown" ? { error: "judge reply did not parse" } : {}),
      },
    });
    store.items.markDone(runId, [itemId(i)]);
  }
  store.runs.finish(runId, "done");
}

export interface SyntheticAttempt {
  objectiveId: string;
  attempt?: number;
  outcome: AttackResult["outcome"];
  harmArea?: string;
  strategy?: string;
  converters?: string[];
  template?: string;
  severity?: number;
  /** The final reply (default `COMPLIED <script>x</script>` for a success, else `No.`). */
  reply?: string;
}

/** Writes a finished red-team run with the given attempts (one user turn each). */
export function writeCampaign(store: Store, runId: string, attempts: readonly SyntheticAttempt[]): void {
  store.runs.start({ id: runId, kind: "redteam", name: runId, config: { synthetic: true } });
  store.attacks.putMany(
    attempts.map(
      (a): AttackResult => ({
        runId,
        objectiveId: a.objectiveId,
        strategy: a.strategy ?? "direct",
        converters: a.converters ?? [],
        ...(a.template ? { template: a.template } : {}),
        attempt: a.attempt ?? 0,
        outcome: a.outcome,
        transcript: [
          { role: "user", content: `attack on ${a.objectiveId}` },
          {
            role: "assistant",
            content: a.reply ?? (a.outcome === "success" ? "COMPLIED <script>x</script>" : "No."),
          },
        ],
        queries: 1,
        scores: [
          {
            judgeId: "test:marker",
            judgeVersion: "1",
            label: a.outcome === "success" ? "unsafe" : "safe",
            ...(a.severity === undefined ? {} : { severity: a.severity }),
          },
        ],
        harmArea: a.harmArea ?? "area-1",
        language: "en",
        ...(a.outcome === "error" ? { error: "target call failed" } : {}),
      }),
    ),
  );
  store.runs.finish(runId, "done");
}
