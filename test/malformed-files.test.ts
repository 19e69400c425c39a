import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeTinyCheckpoint } from "../src/train/testing/tiny-checkpoint.js";
import { runCliCaptured } from "./helpers/run-cli.js";
import type { BadInput } from "./malformed-files/bad-input.js";
import { DATABASE_CASES, GGUF_CASES } from "./malformed-files/binary-file-cases.js";
import { CHECKPOINT_CASES } from "./malformed-files/checkpoint-cases.js";
import {
  CAPABILITY_CASES,
  CONFIG_CASES,
  CYCLE_CASES,
  LABEL_CASES,
  PERSONA_CASES,
  TRAINING_DATA_CASES,
} from "./malformed-files/text-file-cases.js";

/**
 * The bad-input corpus of every kind of file the CLI reads beyond configs and datasets (their own corpora
 * are test/malformed/): engine checkpoints (config, safetensors, tokenizer), GGUF, SQLite databases, label
 * files, breakfix.yaml, cycle configs, training data, capability tasks and persona files. Binary cases are
 * generated here rather than committed. Each must end in exit code 2 and one escaped line naming the file
 * or field, with no stack trace, within a second or two (nothing is allocated from a crafted number).
 */
const CASES: BadInput[] = [
  ...CHECKPOINT_CASES,
  ...GGUF_CASES,
  ...DATABASE_CASES,
  ...LABEL_CASES,
  ...CONFIG_CASES,
  ...CYCLE_CASES,
  ...TRAINING_DATA_CASES,
  ...CAPABILITY_CASES,
  ...PERSONA_CASES,
];
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const dir = mkdtempSync(path.join(tmpdir(), "breakfix-bad-files-"));
writeTinyCheckpoint(path.join(dir, "good"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bad files of every kind: exit 2, one line naming the place, no stack trace", () => {
  it("the corpus has at least 110 cases (150+ with test/malformed/), names unique", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(110);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const { argv, names } = c.setup(dir);
    const started = performance.now();
    const r = await runCliCaptured(["--db", path.join(dir, "corpus.db"), ...argv], {
      cwd: dir,
      env: { BREAKFIX_DATASETS: path.join(dir, "no-datasets") },
    });
    expect(performance.now() - started).toBeLessThan(5000);
    expect({ code: r.code, stdout: r.stdout }, r.stderr).toEqual({ code: 2, stdout: "" });
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^breakfix: /);
    expect(lines[0]).toContain(names);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stderr).not.toContain("\ufffd"); // binary junk is described, not quoted back
    expect(r.stderr).not.toMatch(
      /Invalid typed array|Cannot read properties|is not a function|\bat .*\.ts:\d+/,
    );
  });
});
