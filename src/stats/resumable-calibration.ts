import { contentHash, type Progress, silentProgress } from "../core/index.js";
import type { Store } from "../store/index.js";

export interface JudgeCalibrationRow {
  judge: string;
  dataset: string;
  accuracy: number;
  kappa: number;
  n: number;
}

/** One unit of a calibration's work (a cross-validation fold): its result must survive a JSON round trip. */
export interface CalibrationItem {
  id: string;
  measure(): unknown;
}

/** A judge calibration measurement: its labelled rows' folds, and the table rows made of their results. */
export interface Measurement {
  judge: string;
  /** What the result depends on: the shipped weights' version (a proxy for the training code) and the rows. */
  fingerprint: unknown;
  items: readonly CalibrationItem[];
  /** The table rows from every item's result, in `items` order. */
  rows(results: readonly unknown[]): JudgeCalibrationRow[];
}

const runIdOf = (m: Measurement): string =>
  `calibration-${m.judge.replace(/[^a-z0-9]+/g, "-")}-${contentHash(m.fingerprint).slice(0, 16)}`;

/**
 * A measurement's rows from its `calibration` run when one finished; else its items are measured now, each
 * result stored as the run's item (one transaction per item) as soon as it is done, so a run killed
 * mid-way redoes only the items it had not finished. Progress counts items (finished ones included).
 */
export function cachedCalibration(
  store: Store,
  m: Measurement,
  progress: Progress = silentProgress,
): JudgeCalibrationRow[] {
  const id = runIdOf(m);
  const run = store.runs.get(id);
  const kept =
    run?.status === "done" ? (run.summary?.["rows"] as JudgeCalibrationRow[] | undefined) : undefined;
  if (kept) return kept;
  store.runs.start({
    id,
    kind: "calibration",
    name: `judge calibration ${m.judge}`,
    config: { judge: m.judge },
  });
  // Only finished items are recorded (with their result as payload): what is not there is still to do.
  const finished = new Map(
    store.items
      .list<{ result: unknown }>(id)
      .filter((i) => i.status === "done")
      .map((i) => [i.itemId, i.payload?.result]),
  );
  const done = m.items.filter((item) => finished.has(item.id)).length;
  progress.start(`judge calibration ${m.judge}`, m.items.length, done);
  if (done > 0) progress.note(`judge calibration ${m.judge}: ${done} of ${m.items.length} folds kept`);
  for (const item of m.items) {
    if (finished.has(item.id)) continue;
    // The JSON round trip now, so a fresh result and a kept one are the same values.
    const result = JSON.parse(JSON.stringify(item.measure() ?? null)) as unknown;
    store.transaction(() => {
      store.items.plan(id, [{ id: item.id, payload: { result } }]);
      store.items.markDone(id, [item.id]);
    });
    finished.set(item.id, result);
    progress.advance();
  }
  progress.finish();
  const measured = m.rows(m.items.map((item) => finished.get(item.id)));
  store.runs.finish(id, "done", { summary: { rows: measured } });
  return measured;
}

/** Every measurement's rows, measured directly (no store) or through its `calibration` run. */
export function measureCalibrations(
  measurements: readonly Measurement[],
  o: { store?: Store; progress?: Progress } = {},
): JudgeCalibrationRow[] {
  return measurements.flatMap((m) =>
    o.store
      ? cachedCalibration(o.store, m, o.progress)
      : m.rows(m.items.map((item) => JSON.parse(JSON.stringify(item.measure() ?? null)) as unknown)),
  );
}
