import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { killWorkers, runKillableWorker } from "../../test/helpers/killable-worker.js";
import type { Progress } from "../core/index.js";
import { openStore } from "../store/index.js";
import { fakeMeasurement } from "./fixtures/fake-measurement.js";
import { cachedCalibration } from "./resumable-calibration.js";

const worker = path.join(import.meta.dirname, "fixtures", "calibration-worker.ts");
const dirs: string[] = [];
afterEach(killWorkers);
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A Progress that records its calls as lines. */
function recording(): { progress: Progress; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    progress: {
      start: (label, total, done = 0) => lines.push(`start ${label} ${done}/${total}`),
      advance: () => lines.push("advance"),
      note: (text) => lines.push(`note ${text}`),
      finish: () => lines.push("finish"),
    },
  };
}

describe("cached judge calibration", () => {
  it("measures once per judge and fingerprint, then reuses the recorded rows", () => {
    const store = openStore(":memory:");
    let calls = 0;
    const count = () => {
      calls++;
    };
    const first = cachedCalibration(store, fakeMeasurement(["a", "b"], count));
    expect(first.map((r) => [r.dataset, r.n])).toEqual([["a,b", 3]]);
    expect(cachedCalibration(store, fakeMeasurement(["a", "b"], count))).toEqual(first);
    expect(calls).toBe(2);
    // Other labelled rows: another measurement.
    expect(cachedCalibration(store, fakeMeasurement(["a"], count))[0]?.n).toBe(1);
    expect(calls).toBe(3);
    expect(store.runs.list({ kind: "calibration" })).toHaveLength(2);
  });

  it("a calibration that died mid-way measures only the unfinished folds, with progress over all of them", () => {
    const store = openStore(":memory:");
    const measured: string[] = [];
    const dying = fakeMeasurement(["a", "b", "c", "d"], (id) => {
      if (id === "c") throw new Error("killed");
      measured.push(id);
    });
    expect(() => cachedCalibration(store, dying)).toThrow("killed");
    const { progress, lines } = recording();
    const rows = cachedCalibration(
      store,
      fakeMeasurement(["a", "b", "c", "d"], (id) => measured.push(id)),
      progress,
    );
    expect(measured).toEqual(["a", "b", "c", "d"]);
    expect(rows).toEqual(cachedCalibration(openStore(":memory:"), fakeMeasurement(["a", "b", "c", "d"])));
    expect(lines).toEqual([
      "start judge calibration refusal:learned 2/4",
      "note judge calibration refusal:learned: 2 of 4 folds kept",
      "advance",
      "advance",
      "finish",
    ]);
  });

  it("SIGKILLed mid-way, a resumed process redoes only the folds it had not stored", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bf-calibration-kill-"));
    dirs.push(dir);
    const db = path.join(dir, "calibration.db");
    const cut = await runKillableWorker(worker, [db], (l) => l === "MEASURED c");
    expect(cut.killed).toBe(true);
    const resumed = await runKillableWorker(worker, [db]);
    const again = resumed.lines.filter((l) => l.startsWith("MEASURED ")).map((l) => l.slice(9));
    // a and b were stored before c's measurement began; c may have been stored before the kill landed.
    expect(again).not.toContain("a");
    expect(again).not.toContain("b");
    expect(again.slice(-2)).toEqual(["d", "e"]);
    expect(resumed.last).toBe(
      `DONE ${JSON.stringify(
        fakeMeasurement(["a", "b", "c", "d", "e"]).rows(
          ["a", "b", "c", "d", "e"].map((id, i) => ({ id, n: i + 1 })),
        ),
      )}`,
    );
  }, 60_000);
});
