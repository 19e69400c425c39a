import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCliCaptured } from "../../../test/helpers/run-cli.js";
import { refusalPairs, refusalSft, TRAIN_TEMPLATES } from "../../train/testing/refusal-data.js";
import { writeTinyCheckpoint } from "../../train/testing/tiny-checkpoint.js";
import { toTrainingJsonl } from "../../training-data/index.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "breakfix-train-"));
  writeTinyCheckpoint(path.join(dir, "tiny"));
  await writeFile(
    path.join(dir, "sft.jsonl"),
    toTrainingJsonl({ kind: "sft", format: "openai", rows: refusalSft(TRAIN_TEMPLATES) }),
  );
  await writeFile(
    path.join(dir, "pairs.jsonl"),
    toTrainingJsonl({ kind: "preference", format: "trl", rows: refusalPairs(TRAIN_TEMPLATES) }),
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cli = (args: string[]) =>
  runCliCaptured(["--db", path.join(dir, "t.db"), ...args], { cwd: dir, env: {} });

describe("breakfix train", () => {
  it("sft then dpo from the SFT checkpoint, with --json", async () => {
    const sft = await cli([
      "--json",
      "train",
      "sft",
      "--model",
      "engine:./tiny",
      "--data",
      "sft.jsonl",
      "--out",
      "sft",
      "--steps",
      "4",
    ]);
    expect(sft.stderr).toBe("");
    expect(sft.code).toBe(0);
    const s = JSON.parse(sft.stdout);
    expect(s).toMatchObject({ steps: 4, outDir: path.join(dir, "sft") });
    const dpo = await cli([
      "--json",
      "train",
      "dpo",
      "--model",
      "engine:./sft",
      "--data",
      "pairs.jsonl",
      "--out",
      "dpo",
      "--steps",
      "3",
      "--loss",
      "ipo",
      "--beta",
      "0.5",
      "--sft-weight",
      "0.1",
    ]);
    expect(dpo.code).toBe(0);
    const d = JSON.parse(dpo.stdout);
    expect(d.parentId).toBe(s.checkpointId);
    expect(d.metrics).toHaveProperty("rewards/accuracies");
  });

  it("convert between formats, and a bad row is one line naming file and line with exit 2", async () => {
    const conv = await cli(["train", "convert", "pairs.jsonl", "--from", "trl", "--to", "hh"]);
    expect(conv.code).toBe(0);
    expect(JSON.parse(conv.stdout.split("\n")[0]!).chosen).toMatch(/^\n\nHuman: /);
    await writeFile(
      path.join(dir, "bad.jsonl"),
      `${(await readFile(path.join(dir, "sft.jsonl"), "utf8")).split("\n")[0]}\n{"messages": 3}\n`,
    );
    const bad = await cli(["train", "sft", "--model", "engine:./tiny", "--data", "bad.jsonl"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^breakfix: .*bad\.jsonl:2: messages: must be a non-empty array.* Fix: /);
    const wrong = await cli(["train", "dpo", "--model", "engine:./tiny", "--data", "sft.jsonl"]);
    expect(wrong.code).toBe(2);
    const launch = await cli([
      "train",
      "sft",
      "--backend",
      "torch",
      "--launcher",
      "python",
      "--gpus",
      "2",
      "--model",
      "engine:./tiny",
      "--data",
      "sft.jsonl",
    ]);
    expect(launch.code).toBe(2);
    expect(launch.stderr).toMatch(/python launcher runs one process/);
    const hosted = await cli([
      "train",
      "dpo",
      "--backend",
      "openai",
      "--model",
      "gpt-x",
      "--data",
      "pairs.jsonl",
    ]);
    expect(hosted.code).toBe(2);
    expect(hosted.stderr).toMatch(/needs an API key.*OPENAI_API_KEY/);
  });

  it("counts (LoRA rank, patience, node rank) must be whole numbers", async () => {
    for (const [flag, value] of [
      ["--lora-rank", "1.5"],
      ["--patience", "2.5"],
      ["--node-rank", "0.5"],
    ] as const) {
      const r = await cli(["train", "sft", "--model", "engine:./tiny", "--data", "sft.jsonl", flag, value]);
      expect(r.code, flag).toBe(2);
      expect(r.stderr).toContain(`${flag} must be a whole number, got "${value}"`);
    }
  });
});
