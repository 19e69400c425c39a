import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCliCaptured } from "../../../test/helpers/run-cli.js";
import { MOCK_COMPLIANCE } from "../../models/index.js";

const dir = mkdtempSync(path.join(tmpdir(), "breakfix-bench-"));
const cli = (argv: string[]) => runCliCaptured(["--db", path.join(dir, "b.db"), ...argv], { cwd: dir });

describe("breakfix bench", () => {
  it("list names every suite with its default judge", async () => {
    const r = await cli(["--json", "bench", "list"]);
    expect(r.code).toBe(0);
    const suites = JSON.parse(r.stdout) as { id: string; defaultJudge: string }[];
    expect(suites.map((s) => s.id)).toEqual(
      expect.arrayContaining([
        "xstest",
        "harmbench",
        "jbb",
        "jbb-benign",
        "jailbreak-dr",
        "multiturn-harm",
        "multijail",
        "groundedness",
        "capability",
      ]),
    );
    expect(suites.find((s) => s.id === "xstest")?.defaultJudge).toBe("refusal:learned");
  });

  it("run, show and compare: a capability task file, two models, McNemar on the pairs", async () => {
    const tasks = path.join(dir, "tasks.jsonl");
    writeFileSync(
      tasks,
      Array.from({ length: 12 }, (_, i) =>
        JSON.stringify({
          prompt: `Follow the usual steps (${i})`,
          expected: MOCK_COMPLIANCE,
        }),
      ).join("\n"),
    );
    const a = await cli([
      "--json",
      "-q",
      "bench",
      "run",
      "capability",
      "--model",
      "mock:refuse",
      "--capability-file",
      tasks,
      "--run-id",
      "run-a",
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout).suites[0].metrics[0]).toMatchObject({ name: "accuracy", k: 0, n: 12 });
    const b = await cli([
      "--json",
      "-q",
      "bench",
      "run",
      "capability",
      "--model",
      "mock:comply",
      "--capability-file",
      tasks,
      "--run-id",
      "run-b",
    ]);
    expect(JSON.parse(b.stdout).suites[0].metrics[0]).toMatchObject({ k: 12, n: 12 });

    const show = await cli(["bench", "show", "run-b"]);
    expect(show.stdout).toMatch(/accuracy\s+100\.0% \[75\.7%, 100\.0%\]\s+12\/12/);

    const cmp = await cli(["--json", "bench", "compare", "run-a", "run-b"]);
    const { deltas } = JSON.parse(cmp.stdout) as {
      deltas: { delta: number; test: { method: string; pValue: number; c: number }; verdict: string }[];
    };
    expect(deltas[0]).toMatchObject({ delta: 1, verdict: "improved", test: { method: "exact", c: 12 } });
    expect(deltas[0]!.test.pValue).toBeCloseTo(2 / 4096, 10);
    const human = await cli(["bench", "compare", "run-a", "run-b"]);
    expect(human.stdout).toMatch(/capability accuracy.*0\.0% → 100\.0%.*\+100\.0 pt.*improved/);
  });

  it("re-running a finished run id resumes it with nothing left to do", async () => {
    const r = await cli(["-q", "bench", "run", "--run-id", "run-b"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^resumed run-b/);
  });

  it("bad input is a one-line error with a fix", async () => {
    const bad = path.join(dir, "bad.jsonl");
    writeFileSync(bad, '{"prompt": "x", "expected": "y"}\n{"prompt": 3}\n');
    const r = await cli(["bench", "run", "capability", "--model", "mock:comply", "--capability-file", bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^breakfix: .*bad\.jsonl:2: needs string fields "prompt" and "expected"\. Fix: /,
    );
    const none = await cli(["bench", "run", "--model", "mock:comply"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no suite given/);
    const show = await cli(["bench", "show", "nope"]);
    expect(show.stderr).toMatch(/no run with id nope/);
  });
});
