import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCliCaptured } from "../../test/helpers/run-cli.js";

const dir = mkdtempSync(path.join(tmpdir(), "breakfix-partial-"));
const cli = (argv: string[]) => runCliCaptured(["--db", path.join(dir, "p.db"), "-q", ...argv], { cwd: dir });
const errorLines = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("breakfix:"));

describe("exit codes of partial runs (issue #19 item 3)", () => {
  it("bench: every item failed is exit 1 with one line saying so; undecided rates print n/a", async () => {
    const r = await cli(["bench", "run", "xstest", "--limit", "5", "--model", "mock:error-auth"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("items 0 done, 5 failed, 0 pending");
    expect(r.stdout).toMatch(/VPRR +n\/a {2}0\/0/);
    expect(r.stdout).not.toMatch(/\[0\.0%, 100\.0%\]/);
    expect(errorLines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/finished with 5 of 5 items failed \(most often: model call failed \(auth\)\)/);
    expect(r.stderr).toContain("--retry-failed");
    expect(r.stderr).toContain("--allow-failures");
  });

  it("bench --json carries the failure counts, and --allow-failures accepts the partial run", async () => {
    const r = await cli(["--json", "bench", "run", "xstest", "--limit", "4", "--model", "mock:error-auth"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { items: Record<string, number>; suites: { items: unknown }[] };
    expect(report.items).toEqual({ total: 4, done: 0, failed: 4, pending: 0 });
    expect(report.suites[0]?.items).toMatchObject({ failed: 4 });
    const allowed = await cli([
      "--json",
      "bench",
      "run",
      "xstest",
      "--limit",
      "4",
      "--model",
      "mock:error-auth",
      "--allow-failures",
    ]);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(JSON.parse(allowed.stdout).items.failed).toBe(4);
  });

  it("bench: a run with no failed item still exits 0", async () => {
    const r = await cli(["bench", "run", "xstest", "--limit", "3", "--model", "mock:refuse"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
  });

  it("bench on a truncated checkpoint never exits 0", async () => {
    const shipped = path.resolve(import.meta.dirname, "../../checkpoints");
    const source = path.join(shipped, readdirSync(shipped)[0] as string);
    const trunc = path.join(dir, "trunc");
    mkdirSync(trunc, { recursive: true });
    for (const f of ["config.json", "tokenizer.json"])
      copyFileSync(path.join(source, f), path.join(trunc, f));
    const weights = readFileSync(path.join(source, "model.safetensors"));
    writeFileSync(path.join(trunc, "model.safetensors"), weights.subarray(0, weights.length >> 1));
    const r = await cli(["bench", "run", "xstest", "--limit", "2", "--model", "engine:./trunc"]);
    // Never exit 0: either the checkpoint is refused before the run (bad input, exit 2, issue #19 item 5) or
    // the run starts, every call fails, and the run says so (exit 1).
    expect(errorLines(r.stderr)).toHaveLength(1);
    if (r.code === 2) expect(r.stderr).toMatch(/trunc/);
    else {
      expect(r.code).toBe(1);
      expect(r.stdout).toContain("0 done, 2 failed");
      expect(r.stderr).toContain("2 of 2 items failed");
    }
  });

  it("redteam: every attempt failed is exit 1; ASR with nothing decided prints n/a, not 0.0%", async () => {
    const r = await cli(["redteam", "run", "--limit", "2", "--model", "mock:error-auth", "--run-id", "rt-p"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("ASR (objectives broken / decided): n/a (0/0)");
    expect(r.stdout).not.toContain("0.0% (0/0");
    expect(errorLines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/red-team run rt-p finished with 4 of 4 attempts failed/);
    expect(r.stderr).toContain("breakfix redteam run --run-id rt-p --retry-failed");

    // Resuming with --retry-failed redoes the four attempts (they fail again: the model still refuses the
    // key) and replaces them: still four attempts, none duplicated.
    const again = await cli(["--json", "redteam", "run", "--run-id", "rt-p", "--retry-failed"]);
    expect(again.code).toBe(1);
    const value = JSON.parse(again.stdout) as {
      retried: number;
      failed: { attempts: number; objectivesUndecided: number };
      metrics: { attempts: number };
    };
    expect(value.retried).toBe(4);
    expect(value.metrics.attempts).toBe(4);
    expect(value.failed).toEqual({ attempts: 4, objectivesUndecided: 2 });

    const allowed = await cli(["redteam", "run", "--run-id", "rt-p", "--allow-failures"]);
    expect(allowed.code, allowed.stderr).toBe(0);
  });
});
