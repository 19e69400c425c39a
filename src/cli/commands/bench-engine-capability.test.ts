import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../../../test/helpers/run-cli.js";

const dir = mkdtempSync(path.join(tmpdir(), "breakfix-bench-engine-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (argv: string[]) => runCliCaptured(["--db", path.join(dir, "b.db"), ...argv], { cwd: dir });

describe("bench run capability on an engine model with no task file", () => {
  it("measures the built-in model on its own held-out task set, not the general built-in tasks", async () => {
    const r = await cli([
      "--json",
      "-q",
      "bench",
      "run",
      "capability",
      "--model",
      "engine:base",
      "--limit",
      "6",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    const accuracy = report.suites[0].metrics[0];
    expect(accuracy).toMatchObject({ name: "accuracy", n: 6 });
    // The shipped model answers most of its held-out tasks; on the general tasks it scored 0/8.
    expect(accuracy.k).toBeGreaterThanOrEqual(2);
    expect(existsSync(path.join(dir, ".breakfix", "cache", "embedded-eval", "capability.jsonl"))).toBe(true);
  });
});
