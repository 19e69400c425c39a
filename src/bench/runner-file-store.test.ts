import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { killWorkers, runKillableWorker } from "../../test/helpers/killable-worker.js";
import { createScriptedModel, MOCK_COMPLIANCE, MOCK_REFUSAL } from "../models/index.js";
import { openStore } from "../store/index.js";
import { buildRunReport } from "./run-report.js";
import { suiteRegistry } from "./suite-registry.js";
import { runTiny } from "./testing/bench-harness.js";

const crashBench = path.join(import.meta.dirname, "testing", "crash-bench.ts");
const ITEMS = 300;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "breakfix-bench-"));
});
afterEach(() => {
  killWorkers();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the bench process; SIGKILLs it at the stdout line `until` if given. */
function runBenchProcess(dbFile: string, tasks: string, until?: string) {
  return runKillableWorker(
    crashBench,
    [dbFile, tasks, "3"],
    until === undefined ? undefined : (line) => line === until,
  );
}

/** What the file holds, read by a plain connection (as after a crash: WAL recovery on open). */
function snapshot(dbFile: string) {
  const db = new Database(dbFile, { readonly: true });
  try {
    const ids = (sql: string) => (db.prepare(sql).all() as { item_id: string }[]).map((r) => r.item_id);
    return {
      generations: ids("SELECT item_id FROM generations ORDER BY item_id"),
      scores: ids("SELECT item_id FROM scores ORDER BY item_id"),
      done: ids("SELECT item_id FROM run_items WHERE status = 'done' ORDER BY item_id"),
      planned: ids("SELECT item_id FROM run_items"),
    };
  } finally {
    db.close();
  }
}

const strip = (r: ReturnType<typeof buildRunReport>) =>
  r.suites.map(({ items, ...s }) => ({ ...s, items: { ...items } }));

describe("bench runs on a file store (results committed by the writer thread)", () => {
  it("a fresh run's report (from memory) equals the report rebuilt from the file", async () => {
    const file = path.join(dir, "bench.db");
    const store = openStore(file);
    const model = createScriptedModel([{ match: /\(1\)|thing 1|act 1/, reply: MOCK_REFUSAL }], {
      fallback: MOCK_COMPLIANCE,
    });
    const run = await runTiny(["xstest", "jbb", "multiturn-harm", "capability"], model, {
      store,
      judgeIds: ["refusal:strmatch"],
      limit: 6,
      batchSize: 3,
    });
    store.close();
    const reopened = openStore(file);
    try {
      expect(strip(buildRunReport(reopened, run.runId, suiteRegistry))).toEqual(strip(run.report));
      expect(reopened.items.counts(run.runId).pending).toBe(0);
    } finally {
      reopened.close();
    }
  });

  it("SIGKILL mid-run: committed batches are whole; the resumed run does every item exactly once", async () => {
    const file = path.join(dir, "bench.db");
    const tasks = path.join(dir, "tasks.jsonl");
    writeFileSync(
      tasks,
      Array.from({ length: ITEMS }, (_, i) =>
        JSON.stringify({ id: `t${i}`, prompt: `Say w${i}`, expected: `w${i}` }),
      ).join("\n"),
    );
    const first = await runBenchProcess(file, tasks, "ITEM 120");
    expect(first.killed).toBe(true);

    const cut = snapshot(file);
    expect(cut.planned).toHaveLength(ITEMS);
    // Results and statuses commit together: no item is done without its call and verdict, or vice versa.
    expect(cut.generations).toEqual(cut.done);
    expect(cut.scores).toEqual(cut.done);
    expect(cut.done.length).toBeLessThan(ITEMS);

    const resumed = await runBenchProcess(file, tasks);
    expect(resumed.lines.filter((l) => l.startsWith("ITEM"))).toHaveLength(ITEMS - cut.done.length);
    expect(resumed.lines.at(-1)).toBe(`DONE resumed=true k=${ITEMS} n=${ITEMS}`);
    const all = snapshot(file);
    expect(all.done).toHaveLength(ITEMS);
    expect(all.generations).toEqual(all.done);
    expect(all.scores).toEqual(all.done);
  });
});
