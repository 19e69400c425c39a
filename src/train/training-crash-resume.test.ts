import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { openStore } from "../store/index.js";
import { toTrainingJsonl } from "../training-data/index.js";
import { refusalPairs, refusalSft, TRAIN_TEMPLATES } from "./testing/refusal-data.js";
import { writeTinyCheckpoint } from "./testing/tiny-checkpoint.js";

const MAIN = path.resolve(import.meta.dirname, "..", "cli", "main.ts");
const TSX = import.meta.resolve("tsx");
const live: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of live.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
});
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface CliRun {
  killed: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI (`node --import tsx src/cli/main.ts …`) in `cwd`; with `killWhen`, polls it every
 * 10 ms and SIGKILLs the process the first time it holds.
 */
function runCli(cwd: string, args: readonly string[], killWhen?: () => boolean): Promise<CliRun> {
  const child = spawn(process.execPath, ["--import", TSX, MAIN, ...args], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.push(child);
  let [stdout, stderr, killed] = ["", "", false];
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const poll = killWhen
    ? setInterval(() => {
        if (!killed && killWhen()) {
          killed = true;
          child.kill("SIGKILL");
        }
      }, 10)
    : undefined;
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(poll);
      resolve({ killed, code, stdout, stderr });
    });
  });
}

const sha = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");
const stepDirs = (out: string): string[] => {
  const root = path.join(out, "training-state");
  return existsSync(root) ? readdirSync(root).filter((n) => n.startsWith("step-")) : [];
};

function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), "bf-train-kill-"));
  dirs.push(dir);
  writeTinyCheckpoint(path.join(dir, "base"));
  writeFileSync(
    path.join(dir, "sft.jsonl"),
    toTrainingJsonl({ kind: "sft", format: "openai", rows: refusalSft(TRAIN_TEMPLATES) }),
  );
  writeFileSync(
    path.join(dir, "dpo.jsonl"),
    toTrainingJsonl({ kind: "preference", format: "openai-dpo", rows: refusalPairs(TRAIN_TEMPLATES) }),
  );
  return dir;
}

/**
 * Trains once straight through and once SIGKILLed after its first checkpoint is on disk, then resumed with
 * --resume: the resumed run must end with the same weights, bit for bit, in the killed run's store record.
 */
async function killAndResume(method: "sft" | "dpo", steps: number, every: number): Promise<void> {
  const dir = setup();
  const train = (out: string, ...extra: string[]) => [
    "--json",
    "--db",
    "train.db",
    "train",
    method,
    "--model",
    "engine:./base",
    "--data",
    `${method}.jsonl`,
    "--out",
    out,
    "--steps",
    String(steps),
    "--batch-size",
    "4",
    "--checkpoint-every",
    String(every),
    "--eval-every",
    "10",
    ...extra,
  ];
  const straight = await runCli(dir, train("straight"));
  expect(straight.code, straight.stderr).toBe(0);
  const want = sha(path.join(dir, "straight", "model.safetensors"));

  const out = path.join(dir, "cut");
  const cut = await runCli(dir, train("cut"), () => stepDirs(out).length > 0);
  expect(cut.killed).toBe(true);
  expect(cut.code).toBeNull();
  // Killed mid-way: a checkpoint, no result.
  expect(existsSync(path.join(out, "model.safetensors"))).toBe(false);
  expect(stepDirs(out).length).toBeGreaterThan(0);

  const resumed = await runCli(dir, train("cut", "--resume"));
  expect(resumed.code, resumed.stderr).toBe(0);
  const result = JSON.parse(resumed.stdout) as { resumedFromStep: number; steps: number; runId: string };
  expect(result.resumedFromStep).toBeGreaterThanOrEqual(every);
  expect(result.resumedFromStep % every).toBe(0);
  expect(result.resumedFromStep).toBeLessThan(steps);
  expect(result.steps).toBe(steps);
  expect(sha(path.join(out, "model.safetensors"))).toBe(want);
  // The checkpoints are gone once the run finished.
  expect(existsSync(path.join(out, "training-state"))).toBe(false);

  // The resumed run finished the killed run's store record; no run is left `running`.
  const store = openStore(path.join(dir, "train.db"));
  try {
    const runs = store.runs.list({ kind: "train" }).map((r) => r.status);
    expect(runs).toEqual(["done", "done"]);
    expect(store.runs.get(result.runId)?.status).toBe("done");
  } finally {
    store.close();
  }
}

describe("a training stage SIGKILLed mid-way (real CLI)", () => {
  it("SFT resumes from its newest checkpoint to the uninterrupted run's weights, bit for bit", async () => {
    await killAndResume("sft", 120, 20);
  }, 120_000);

  it("DPO resumes too, against the starting model as its reference", async () => {
    await killAndResume("dpo", 60, 10);
  }, 120_000);
});
