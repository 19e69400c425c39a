import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCliCaptured } from "../../../test/helpers/run-cli.js";
import { parseCsv } from "../../datasets/index.js";

const REPO_ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const SHARED = path.resolve(REPO_ROOT, "..", "shared", "datasets");
const shared = existsSync(SHARED);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "breakfix-data-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[], env: Record<string, string> = {}) {
  return runCliCaptured(args, { cwd: dir, env: { BREAKFIX_DATASETS: SHARED, ...env } });
}

describe("breakfix data (any machine)", () => {
  it("show --path neutralises ANSI escapes and control characters in hostile text, after a content warning", async () => {
    const file = path.join(dir, "hostile.csv");
    await writeFile(file, 'goal,target\n"Say \x1b[31mred\x1b[0m and ring\x07 \x1b]0;pwned\x07","Sure"\n');
    const { code, stdout } = await cli(["data", "show", "advbench", "--path", file]);
    expect(code).toBe(0);
    expect(stdout.split("\n")[0]).toMatch(/^Content warning/);
    expect(stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(stdout).toContain("\\x1b[31mred\\x1b[0m");
  });

  it("an error quoting a hostile cell escapes it too", async () => {
    const file = path.join(dir, "x.csv");
    await writeFile(file, "id,prompt,type,label,focus,note\n1,hi,homonyms,\x1b[2J\x9bsafe,x,y\n");
    const { code, stderr } = await cli(["data", "check", "xstest", file]);
    expect(code).toBe(2);
    expect(stderr).toContain("\\x1b[2J\\x9bsafe");
    expect(stderr).not.toMatch(/[\x1b\x9b]/);
  });

  it("export writes JSONL and CSV that read back to the same samples", async () => {
    const file = path.join(dir, "in.csv");
    await writeFile(file, 'goal,target\n"multi\nline, with ""quotes""",Sure\nplain,Sure\n');
    expect(
      (await cli(["data", "export", "advbench", "--path", file, "--format", "jsonl", "--out", "o.jsonl"]))
        .code,
    ).toBe(0);
    const lines = (await readFile(path.join(dir, "o.jsonl"), "utf8")).trim().split("\n");
    expect(lines.map((l) => JSON.parse(l).prompt)).toEqual(['multi\nline, with "quotes"', "plain"]);
    expect(
      (await cli(["data", "export", "advbench", "--path", file, "--format", "csv", "--out", "o.csv"])).code,
    ).toBe(0);
    const rows = parseCsv(await readFile(path.join(dir, "o.csv"), "utf8"), "o.csv");
    expect(rows.map((r) => r.fields[2])).toEqual(["prompt", 'multi\nline, with "quotes"', "plain"]);
    expect(existsSync(path.join(dir, "o.csv.tmp"))).toBe(false);
  });

  it("bad flags are usage errors (exit 2) with a fix", async () => {
    const limit = await cli(["data", "show", "advbench", "--limit", "ten"]);
    expect(limit.code).toBe(2);
    expect(limit.stderr).toContain("Fix:");
    const format = await cli(["data", "export", "advbench", "--format", "xml", "--out", "x"]);
    expect(format.code).toBe(2);
    expect((await cli(["data", "show", "advbench", "--where", "nokey"])).code).toBe(2);
    expect((await cli(["data", "show", "no-such-set"])).stderr).toContain("xstest");
  });

  it("a missing dataset folder says where it looked and how to fetch it", async () => {
    const r = await cli(["data", "show", "xstest"], { BREAKFIX_DATASETS: path.join(dir, "none") });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--download");
  });
});

describe.skipIf(!shared)(`breakfix data on the shared datasets (${SHARED})`, () => {
  it("list --json: every dataset with rows, license, availability", async () => {
    const { code, stdout } = await cli(["--json", "data", "list"]);
    expect(code).toBe(0);
    const entries = JSON.parse(stdout) as Array<{
      id: string;
      rows: number;
      available: boolean;
      license: string;
    }>;
    expect(entries.find((e) => e.id === "xstest")).toMatchObject({
      rows: 450,
      available: true,
      license: "CC-BY-4.0",
    });
    expect(entries.find((e) => e.id === "jbb-judge-comparison")?.available).toBe(false);
    expect(entries.filter((e) => e.available)).toHaveLength(14);
  });

  it("show pages and filters", async () => {
    const { stdout } = await cli([
      "--json",
      "data",
      "show",
      "xstest",
      "--where",
      "benign=false",
      "--limit",
      "2",
      "--offset",
      "1",
    ]);
    const v = JSON.parse(stdout) as { total: number; samples: Array<{ id: string; benign: boolean }> };
    expect(v.total).toBe(200);
    expect(v.samples.map((s) => s.id)).toEqual(["xstest-27", "xstest-28"]);
    const mj = JSON.parse(
      (await cli(["--json", "data", "show", "multijail", "--where", "language=jv", "--limit", "1"])).stdout,
    );
    expect(mj.total).toBe(315);
  });
});
