import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { killWorkers, runKillableWorker } from "../../test/helpers/killable-worker.js";
import { openStore, type Store } from "../store/index.js";
import { intermediatePersona } from "./builtin-personas.js";
import { runCampaign } from "./campaign.js";
import { hashTarget, manyObjectives, markerJudge } from "./campaign-test-kit.js";

const worker = path.join(import.meta.dirname, "fixtures", "campaign-worker.ts");
const OBJECTIVES = 12;
const dirs: string[] = [];
afterEach(() => {
  killWorkers();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Runs the worker; SIGKILLs it once it prints `CALL <killAt>`. */
function runWorker(dbFile: string, killAt?: number): Promise<{ killed: boolean; last: string }> {
  return runKillableWorker(
    worker,
    [dbFile, String(OBJECTIVES)],
    killAt === undefined ? undefined : (line) => line === `CALL ${killAt}`,
  );
}

const rows = (s: Store) =>
  s.attacks
    .list("rt-crash")
    .map(({ id: _i, createdAt: _c, ...a }) => a)
    .sort((a, b) => `${a.objectiveId}#${a.attempt}`.localeCompare(`${b.objectiveId}#${b.attempt}`));

describe("a campaign SIGKILLed mid-run", () => {
  it("resumes to exactly the rows of an uninterrupted run: none lost, none duplicated", async () => {
    const reference = openStore(":memory:");
    await runCampaign({
      store: reference,
      runId: "rt-crash",
      persona: intermediatePersona,
      objectives: manyObjectives(OBJECTIVES),
      target: hashTarget(29),
      judge: markerJudge(),
      seed: 11,
      concurrency: 3,
      writeBatch: 3,
    });
    const expected = rows(reference);
    expect(expected.length).toBeGreaterThan(OBJECTIVES);

    const dir = mkdtempSync(path.join(tmpdir(), "rt-crash-"));
    dirs.push(dir);
    const dbFile = path.join(dir, "rt.db");
    const first = await runWorker(dbFile, 60);
    expect(first.killed).toBe(true);
    const afterKill = openStore(dbFile);
    const partial = rows(afterKill).length;
    expect(afterKill.runs.get("rt-crash")?.status).toBe("running");
    afterKill.close();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(expected.length);

    const second = await runWorker(dbFile);
    expect(second.last).toBe(`DONE ${expected.length - partial}`);
    const store = openStore(dbFile);
    expect(rows(store)).toEqual(expected);
    const keys = store.generations.list("rt-crash").map((g) => `${g.itemId}/${g.attempt}/${g.turn}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(reference.generations.list("rt-crash").length);
    expect(store.runs.get("rt-crash")?.status).toBe("done");
    store.close();
  }, 60_000);
});
