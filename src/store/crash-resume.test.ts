import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { killWorkers, runKillableWorker } from "../../test/helpers/killable-worker.js";
import { tempDir } from "./fixtures/temp-store.js";

const writer = path.join(import.meta.dirname, "fixtures", "crash-writer.ts");
const ITEMS = 120;
const BATCH = 10;

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  killWorkers();
  tmp.cleanup();
});

/** Starts the writer; SIGKILLs it when a stdout line matches `until`, else lets it exit. */
function runWriter(args: string[], until?: RegExp) {
  return runKillableWorker(
    writer,
    [tmp.dbFile, ...args],
    until === undefined ? undefined : (line) => until.test(line),
  );
}

/** What is in the database, read by a plain connection (as after a crash: WAL recovery on open). */
function snapshot() {
  const db = new Database(tmp.dbFile, { readonly: true });
  try {
    const gens = db.prepare("SELECT item_id, response FROM generations ORDER BY item_id").all() as {
      item_id: string;
      response: string;
    }[];
    const done = db.prepare("SELECT item_id FROM run_items WHERE status = 'done' ORDER BY item_id").all() as {
      item_id: string;
    }[];
    const planned = (db.prepare("SELECT count(*) AS n FROM run_items").get() as { n: number }).n;
    return { gens, doneIds: done.map((d) => d.item_id), planned };
  } finally {
    db.close();
  }
}

function expectEveryItemExactlyOnce(): void {
  const { gens, doneIds, planned } = snapshot();
  const ids = gens.map((g) => g.item_id);
  expect(planned).toBe(ITEMS);
  expect(ids.length).toBe(ITEMS);
  expect(new Set(ids).size).toBe(ITEMS);
  expect(doneIds).toEqual(ids);
  for (const g of gens) expect(g.response).toBe(`reply to ${g.item_id}`);
}

describe("a writer killed mid-run resumes without losing or duplicating work", () => {
  it("SIGKILL inside a batch's transaction leaves none of that batch; resume completes exactly once", async () => {
    const first = await runWriter([String(ITEMS), String(BATCH), "--hang-in-batch", "4"], /^MID 4$/);
    expect(first.killed).toBe(true);
    expect(first.lines.filter((l) => l.startsWith("BATCH"))).toHaveLength(4);

    const afterKill = snapshot();
    // Exactly the four committed batches: the half-written fifth is not there at all.
    expect(afterKill.gens).toHaveLength(4 * BATCH);
    expect(afterKill.doneIds).toEqual(afterKill.gens.map((g) => g.item_id));

    const resumed = await runWriter([String(ITEMS), String(BATCH)]);
    expect(resumed.lines.at(-1)).toBe(`DONE added=${ITEMS - 4 * BATCH}`);
    expectEveryItemExactlyOnce();
  });

  it("SIGKILL at an arbitrary moment: committed batches are whole, and a full replay adds only what was missing", async () => {
    // Kill after a batch count chosen per run; the kill lands wherever the writer is by then.
    const killAfter = 2 + Math.floor(Math.random() * 6);
    const first = await runWriter(
      [String(ITEMS), String(BATCH), "--pause-ms", "1"],
      new RegExp(`^BATCH ${killAfter}$`),
    );
    expect(first.killed).toBe(true);

    const afterKill = snapshot();
    expect(afterKill.gens.length % BATCH).toBe(0);
    expect(afterKill.gens.length).toBeGreaterThanOrEqual((killAfter + 1) * BATCH);
    expect(afterKill.doneIds).toEqual(afterKill.gens.map((g) => g.item_id));

    const resumed = await runWriter([String(ITEMS), String(BATCH), "--replay"]);
    expect(resumed.lines.at(-1)).toBe(`DONE added=${ITEMS - afterKill.gens.length}`);
    expectEveryItemExactlyOnce();
  });
});
