import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCliCaptured } from "../../../test/helpers/run-cli.js";

const SHARED = path.resolve(import.meta.dirname, "../../../../shared/datasets");

describe("breakfix list personas", () => {
  it("lists the built-in personas with their steps and budgets", async () => {
    const human = await runCliCaptured(["list", "personas"]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^intermediate: /);
    expect(human.stdout).toContain("crescendo");
    expect(human.stdout).toContain("(needs --attacker)");
    const rows = JSON.parse((await runCliCaptured(["--json", "list", "personas"])).stdout) as {
      id: string;
      budget: number;
    }[];
    expect(rows.map((r) => [r.id, r.budget])).toEqual([
      ["intermediate", 67],
      ["low-skilled", 6],
    ]);
  });
});

describe("breakfix redteam: bad input", () => {
  it("a bad persona file is one line with file, line and fix, exit 2", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "rt-cli-"));
    writeFileSync(
      path.join(dir, "p.yaml"),
      "id: p\ndescription: d\nsteps:\n  - strategy: direcct\n    budget: 1\n",
    );
    const r = await runCliCaptured(
      ["--db", "x.db", "redteam", "run", "--model", "mock:comply", "--persona", "p.yaml"],
      {
        cwd: dir,
      },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^breakfix: p\.yaml:4:\d+.*unknown strategy "direcct".*Fix: use one of: .*direct/,
    );
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("show of a missing run is a usage error", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "rt-cli-"));
    const r = await runCliCaptured(["--db", "x.db", "redteam", "show", "nope"], { cwd: dir });
    expect(r.code).toBe(2);
  });
});

describe.skipIf(!existsSync(SHARED))("breakfix redteam run/show (needs ../shared/datasets)", () => {
  const env = { BREAKFIX_DATASETS: SHARED };

  it("runs a low-skilled campaign, resumes it by id, shows findings and escaped transcripts", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "rt-cli-"));
    const run = (argv: string[]) => runCliCaptured(["--db", "rt.db", "-q", ...argv], { cwd: dir, env });
    const first = await run([
      "--json",
      "redteam",
      "run",
      "--model",
      "mock:comply",
      "--objectives",
      "jbb-behaviors",
      "--limit",
      "4",
      "--seed",
      "5",
      "--run-id",
      "rt-cli",
    ]);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as {
      status: string;
      findings: number;
      metrics: { asr: { k: number; n: number } };
    };
    expect(report).toMatchObject({ status: "done", findings: 4, metrics: { asr: { k: 4, n: 4 } } });

    const again = await run(["redteam", "run", "--run-id", "rt-cli"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^resumed rt-cli: persona low-skilled vs mock:comply/);

    const shown = await run(["redteam", "show", "rt-cli", "--findings", "--transcripts"]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain("objectives broken: 4 of 4\n");
    expect(shown.stdout).toContain("ASR (objectives broken / decided): 100.0% (4/4");
    expect(shown.stdout).toMatch(/findings \(4, most severe first\)/);
    expect(shown.stdout.indexOf("CONTENT WARNING")).toBeLessThan(shown.stdout.indexOf("[user]"));
    expect(shown.stdout).not.toMatch(/\u001b/);
  });
});
