import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { killWorkers, runKillableWorker } from "../../test/helpers/killable-worker.js";
import { parseModelRef } from "../models/index.js";
import { openStore } from "../store/index.js";
import { buildCycleState, finishedStages } from "./cycle-record.js";
import { runCycle } from "./run-cycle.js";
import { cycleFingerprint, testCycleEnv, tinyCycleConfig } from "./testing/cycle-test-kit.js";

const worker = path.join(import.meta.dirname, "fixtures", "cycle-worker.ts");
const CYCLE = "cycle-crash";
const START = parseModelRef("engine:base");
const dirs: string[] = [];
afterEach(killWorkers);
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const tempDir = (): string => {
  const d = mkdtempSync(path.join(tmpdir(), "breakfix-cycle-crash-"));
  dirs.push(d);
  return d;
};

/** Runs the worker; SIGKILLs it at the first line `killAt` accepts. Resolves with whether it was killed. */
async function runWorker(
  dbFile: string,
  dir: string,
  killAt?: (line: string) => boolean,
  printed: string[][] = [],
): Promise<boolean> {
  const run = await runKillableWorker(worker, [dbFile, dir, CYCLE], killAt);
  printed.push(run.lines);
  return run.killed;
}

describe("a cycle SIGKILLed at stage boundaries and mid-stage", () => {
  it("resumes to the same results as an uninterrupted run of the same seed", async () => {
    const config = tinyCycleConfig();
    const refDir = tempDir();
    const reference = openStore(path.join(refDir, "ref.db"));
    const expected = await runCycle(testCycleEnv(reference, refDir), {
      config,
      outRoot: path.join(refDir, "cycles"),
      cycleId: CYCLE,
    });
    const want = cycleFingerprint(reference, expected.state, config);
    reference.close();

    const dir = tempDir();
    const dbFile = path.join(dir, "cycle.db");
    let inRound1Campaign = false;
    const kills: Array<(line: string) => boolean> = [
      // At a boundary: the baseline's in-distribution campaign is done, the held-out one about to start.
      (l) => l.startsWith("NOTE") && l.includes("round 0/1 · redteam-heldout"),
      // Mid-training: SFT after its second step (its first step's checkpoint is on disk).
      (l) => l === "ADVANCE sft 2",
      // Mid-stage: round 1's bench run with some items written.
      (l) => l === `ADVANCE bench ${CYCLE}/r1/bench 6`,
      // Mid-stage: round 1's in-distribution campaign with objectives done.
      (l) => {
        if (l.startsWith("NOTE") && l.includes("round 1/1 · redteam-in")) inRound1Campaign = true;
        return inRound1Campaign && l.startsWith("ADVANCE redteam") && l.endsWith(" 2");
      },
      // At a boundary: just before the gates.
      (l) => l.startsWith("NOTE") && l.includes("· gates"),
    ];
    const killed: boolean[] = [];
    const printed: string[][] = [];
    for (const killAt of kills) killed.push(await runWorker(dbFile, dir, killAt, printed));
    expect(killed).toEqual([true, true, true, true, true]);
    // The SFT killed mid-way went on from its checkpoint (step 1 or 2), not from step 0.
    const sftStart = printed[2]?.find((l) => l.startsWith("START sft "));
    expect(Number(sftStart?.split(" ")[2])).toBeGreaterThanOrEqual(1);
    expect(await runWorker(dbFile, dir)).toBe(false);

    const store = openStore(dbFile);
    const records = finishedStages(store, CYCLE, START);
    // Every stage once: none lost, none run twice.
    expect(records.map((r) => `${r.round}/${r.stage}`)).toEqual(
      finishedStages(openStore(path.join(refDir, "ref.db")), CYCLE, START).map(
        (r) => `${r.round}/${r.stage}`,
      ),
    );
    const state = buildCycleState(CYCLE, config, records);
    expect(cycleFingerprint(store, state, config)).toEqual(want);
    expect(store.runs.get(CYCLE)?.status).toBe("done");
    // The SFT killed mid-way was redone into the same run: no training is left `running`.
    const training = store.runs.list({ kind: "train" });
    expect(training.filter((r) => r.status !== "done").map((r) => r.id)).toEqual([]);
    expect(training.map((r) => r.id)).toContain(`${CYCLE}/r1/sft`);
    // Training checkpoints are removed once each training finished.
    const files = readdirSync(path.join(dir, "cycles"), { recursive: true }).map(String);
    expect(files.filter((f) => f.includes("training-state"))).toEqual([]);
  }, 300_000);
});
