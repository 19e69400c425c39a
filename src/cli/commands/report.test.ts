import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCliCaptured } from "../../../test/helpers/run-cli.js";
import { sampleReport } from "../../report/fixtures/sample-report.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "breakfix-report-cli-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const cli = (argv: string[]) => runCliCaptured(argv, { cwd: dir, env: {} });

describe("breakfix report render", () => {
  it("re-renders HTML and Markdown next to the JSON by default", async () => {
    mkdirSync(path.join(dir, "cycle"));
    writeFileSync(path.join(dir, "cycle", "report.json"), JSON.stringify(sampleReport()));
    const r = await cli(["report", "render", "cycle/report.json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(path.join(dir, "cycle", "report.html"));
    const page = readFileSync(path.join(dir, "cycle", "report.html"), "utf8");
    expect(page).toContain("Release verdict for round 2: FAIL");
    expect(page).not.toMatch(/<script/i);
    expect(existsSync(path.join(dir, "cycle", "report.md"))).toBe(true);
    // The database is never opened.
    expect(existsSync(path.join(dir, ".breakfix"))).toBe(false);
  });

  it("--out writes elsewhere and --json prints the file paths", async () => {
    writeFileSync(path.join(dir, "r.json"), JSON.stringify(sampleReport(1)));
    const r = await cli(["--json", "report", "render", "r.json", "--out", "site"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      html: path.join(dir, "site", "report.html"),
      markdown: path.join(dir, "site", "report.md"),
      json: path.join(dir, "site", "report.json"),
    });
  });

  it("a missing or malformed file is one error line naming the file, exit 2", async () => {
    const missing = await cli(["report", "render", "nope.json"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^breakfix: nope\.json: no such file\. Fix: /);

    const data = JSON.parse(JSON.stringify(sampleReport()));
    data.rounds[0].gates[0].pass = "yes";
    writeFileSync(path.join(dir, "bad.json"), JSON.stringify(data));
    const bad = await cli(["report", "render", "bad.json"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toMatch(/^breakfix: bad\.json: rounds\[0\]\.gates\[0\]\.pass: .*Fix: /);
    expect(existsSync(path.join(dir, "report.html"))).toBe(false);
  });

  it("has help", async () => {
    const r = await cli(["report", "render", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--out <dir>");
  });
});
