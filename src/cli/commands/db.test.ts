import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCliCaptured } from "../../../test/helpers/run-cli.js";
import { SCHEMA_VERSION } from "../../store/index.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "breakfix-db-cli-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function cli(argv: string[], env: Record<string, string> = {}) {
  return runCliCaptured(argv, { cwd: dir, env });
}

describe("breakfix db", () => {
  it("info reports a database that does not exist yet without creating it", async () => {
    const r = await cli(["db", "info"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(path.join(dir, ".breakfix", "breakfix.db"));
    expect(r.stdout).toContain("not created yet");
    expect(existsSync(path.join(dir, ".breakfix"))).toBe(false);
  });

  it("migrate creates and upgrades the database; info then lists every table", async () => {
    const m = await cli(["db", "migrate", "--db", "x/my.db"]);
    expect(m.code).toBe(0);
    expect(m.stdout).toMatch(new RegExp(`from version 0 to ${SCHEMA_VERSION}`));
    expect((await cli(["db", "migrate", "--db", "x/my.db"])).stdout).toContain("already up to date");

    const info = await cli(["--json", "db", "info", "--db", "x/my.db"]);
    expect(info.code).toBe(0);
    const parsed = JSON.parse(info.stdout);
    expect(parsed).toMatchObject({
      path: path.join(dir, "x", "my.db"),
      exists: true,
      schemaVersion: SCHEMA_VERSION,
      upToDate: true,
    });
    expect(parsed.tables).toMatchObject({ runs: 0, generations: 0, scores: 0, checkpoints: 0, metrics: 0 });

    const human = await cli(["db", "info"], { BREAKFIX_DB: "x/my.db" });
    expect(human.stdout).toMatch(/schema {4}version \d+ \(up to date\)/);
    expect(human.stdout).toMatch(/attack_attempts +0/);
  });

  it("a file that is not a database is one error line with a fix, exit code 2 (bad input)", async () => {
    writeFileSync(path.join(dir, "notes.db"), "hello ".repeat(200));
    const r = await cli(["db", "info", "--db", "notes.db"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^breakfix: .*notes\.db: not a breakfix database.*Fix: /);
  });

  it("has help for each verb", async () => {
    const r = await cli(["db", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/info\s+Show the database path/);
    expect(r.stdout).toMatch(/migrate\s+Create the database if needed/);
  });
});
