import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../../test/helpers/run-cli.js";
import { refusalSft, TRAIN_TEMPLATES } from "../train/testing/refusal-data.js";
import { writeTinyCheckpoint } from "../train/testing/tiny-checkpoint.js";
import { toTrainingJsonl } from "../training-data/index.js";

/** Inputs issue #19 found refused or blamed wrongly: `--seed 0` (cycle configs accept `seed: 0`), a judge id. */
const dir = mkdtempSync(path.join(tmpdir(), "breakfix-accepted-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (argv: string[]) => runCliCaptured(["--db", path.join(dir, "a.db"), "-q", ...argv], { cwd: dir });

describe("--seed 0 is a seed like any other", () => {
  it("bench run", async () => {
    writeFileSync(path.join(dir, "tasks.jsonl"), `${JSON.stringify({ prompt: "2+2?", expected: "4" })}\n`);
    const r = await cli([
      "bench",
      "run",
      "capability",
      "--model",
      "mock:refuse",
      "--capability-file",
      "tasks.jsonl",
      "--seed",
      "0",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("redteam run", async () => {
    const r = await cli(["redteam", "run", "--model", "mock:refuse", "--limit", "2", "--seed", "0"]);
    expect(r.stderr).not.toMatch(/--seed/);
    expect(r.code).toBe(0);
  });

  it("train sft", async () => {
    writeTinyCheckpoint(path.join(dir, "tiny"));
    writeFileSync(
      path.join(dir, "sft.jsonl"),
      toTrainingJsonl({ kind: "sft", format: "openai", rows: refusalSft(TRAIN_TEMPLATES).slice(0, 4) }),
    );
    const r = await cli([
      "train",
      "sft",
      "--model",
      "engine:./tiny",
      "--data",
      "sft.jsonl",
      "--out",
      "o",
      "--steps",
      "1",
      "--seed",
      "0",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("a negative seed is still refused", async () => {
    const r = await cli(["bench", "run", "capability", "--model", "mock:refuse", "--seed", "-1"]);
    expect(r.code).toBe(2);
  });
});

describe("judge calibrate with an unknown judge", () => {
  it("blames the judge id, even when the labels file is junk too", async () => {
    writeFileSync(path.join(dir, "junk.jsonl"), Buffer.from([0, 1, 2, 3, 0xff]));
    const r = await cli(["judge", "calibrate", "--judge", "nosuch:judge", "--labels", "junk.jsonl"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^breakfix: Unknown judge "nosuch:judge"/);
    expect(r.stderr).not.toContain("junk.jsonl");
  });
});
