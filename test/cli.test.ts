import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { VERSION } from "../src/cli/program.js";
import { runCliCaptured } from "./helpers/run-cli.js";

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), "breakfix-cli-"));
});

async function cli(argv: string[], env: Record<string, string | undefined> = {}) {
  return runCliCaptured(argv, { cwd, env });
}

const NO_STACK = /\n\s+at /;
const errorLines = (stderr: string) => stderr.trimEnd().split("\n");

describe("error lines quote hostile bytes without obeying them", () => {
  // An OSC title change and a colour change: a terminal would act on them if they reached it raw.
  const HOSTILE = "\x1b]0;PWNED\x07\x1b[31m";
  const RAW = /[\x00-\x08\x0b-\x1f\x7f]/;

  it("the top-level error line escapes control characters from a file it quotes", async () => {
    writeFileSync(path.join(cwd, "h.csv"), `id,${HOSTILE}prompt\n`);
    const r = await cli(["data", "check", "xstest", "h.csv"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("\\x1b]0;PWNED\\x07");
    expect(r.stderr.trimEnd()).not.toMatch(RAW);
    expect(errorLines(r.stderr)).toHaveLength(1);
  });

  it("so does a usage error quoting argv", async () => {
    const r = await cli(["bench", "run", `--x${HOSTILE}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("\\x1b[31m");
    expect(r.stderr.trimEnd()).not.toMatch(RAW);
  });
});

describe("breakfix CLI basics", () => {
  it("--help lists the nouns and exits 0", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(0);
    for (const noun of ["config", "data", "db", "judge", "models", "taxonomy"]) {
      expect(r.stdout).toMatch(new RegExp(`^  ${noun}\\b`, "m"));
    }
    expect(r.stderr).toBe("");
  });

  it("--version prints the version", async () => {
    const r = await cli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${VERSION}\n`);
  });

  it.each([
    [["frobnicate"], "breakfix: error: unknown command 'frobnicate' (see `breakfix --help`)"],
    [["--frobnicate"], "breakfix: error: unknown option '--frobnicate' (see `breakfix --help`)"],
    [
      ["taxonomy", "list", "--frobnicate"],
      "breakfix: error: unknown option '--frobnicate' (see `breakfix --help`)",
    ],
  ])("%j exits 2 with a one-line error", async (argv, line) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([line]);
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(r.stdout).toBe("");
  });
});

describe("BREAKFIX_ENGINE_BACKEND", () => {
  it("an unknown value is one line, exit 2, naming the values", async () => {
    const r = await cli(["taxonomy", "list"], { BREAKFIX_ENGINE_BACKEND: "nativ" });
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/BREAKFIX_ENGINE_BACKEND=nativ is not a kernel backend.*auto, native or js/);
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  it("js and auto are accepted (and auto restores the default)", async () => {
    expect((await cli(["taxonomy", "list"], { BREAKFIX_ENGINE_BACKEND: "js" })).code).toBe(0);
    expect((await cli(["taxonomy", "list"], { BREAKFIX_ENGINE_BACKEND: "auto" })).code).toBe(0);
  });
});

describe("breakfix taxonomy", () => {
  it("list --json gives every built-in area with its source", async () => {
    const r = await cli(["--json", "taxonomy", "list"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { id: string; source: string; configured: boolean }[];
    expect(rows.length).toBeGreaterThanOrEqual(13);
    expect(rows.find((a) => a.id === "self-harm")).toMatchObject({ source: "phi3", configured: false });
  });

  it("show prints the full 0–7 rubric and the external categories mapped to the area", async () => {
    const r = await cli(["taxonomy", "show", "violence"]);
    expect(r.code).toBe(0);
    for (let level = 0; level <= 7; level++) expect(r.stdout).toMatch(new RegExp(`^${level} — `, "m"));
    expect(r.stdout).toContain("llama-guard-3: S1 Violent Crimes");
    const json = JSON.parse((await cli(["--json", "taxonomy", "show", "violence"])).stdout);
    expect(json.categories["llama-guard-3"]).toContain("S1 Violent Crimes");
    expect(json.rubric).toContain("7 — Extreme");
  });

  it("an unknown area is exit 2 with a suggestion", async () => {
    const r = await cli(["taxonomy", "show", "violenc"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^breakfix: unknown harm area "violenc"\. Fix: did you mean `violence`\?.*\n$/);
  });

  it("honours areas added and overridden in breakfix.yaml", async () => {
    writeFileSync(
      path.join(cwd, "breakfix.yaml"),
      [
        "taxonomy:",
        "  areas:",
        "    - id: election-integrity",
        "      name: Election integrity",
        "      description: Misleading voters.",
        "      bands: {very_low: facts, low: opinion, medium: false claims, high: voter suppression}",
        "    - id: violence",
        "      name: Violence (team policy)",
      ].join("\n"),
    );
    const list = await cli(["taxonomy", "list"]);
    expect(list.stdout).toMatch(/^election-integrity +Election integrity +config$/m);
    expect(list.stdout).toMatch(/^violence +Violence \(team policy\) +phi3, overridden by config$/m);
    const show = await cli(["taxonomy", "show", "election-integrity"]);
    expect(show.stdout).toContain("In this area: voter suppression");
    expect(show.stdout).toContain("External categories mapped here:\n  (none)");
  });
});

describe("breakfix config", () => {
  it("show --json prints key variable names and whether they are set, never the key", async () => {
    const key = "sk-test-abcdefghijklmnopqrstuvwxyz123456";
    const unset = JSON.parse((await cli(["--json", "config", "show"])).stdout);
    expect(unset.providers.openai).toMatchObject({ apiKeyEnv: "OPENAI_API_KEY", apiKeySet: false });
    expect(unset.file).toBeNull();
    expect(unset.models.default).toBe("engine:base"); // what a command uses when no model is given
    const r = await cli(["--json", "--set", "providers.openai.concurrency=4", "config", "show"], {
      OPENAI_API_KEY: key,
    });
    const set = JSON.parse(r.stdout);
    expect(set.providers.openai).toMatchObject({ apiKeySet: true, concurrency: 4 });
    expect(r.stdout).not.toContain(key);
  });

  it("show reports the database --db or $BREAKFIX_DB selects", async () => {
    const show = async (argv: string[], env = {}) => JSON.parse((await cli(argv, env)).stdout).db;
    expect(await show(["--json", "config", "show"])).toBe(path.join(cwd, ".breakfix/breakfix.db"));
    expect(await show(["--json", "config", "show"], { BREAKFIX_DB: "env.db" })).toBe(
      path.join(cwd, "env.db"),
    );
    expect(await show(["--json", "--db", "flag.db", "config", "show"], { BREAKFIX_DB: "env.db" })).toBe(
      path.join(cwd, "flag.db"),
    );
  });

  it("show prints YAML by default", async () => {
    const r = await cli(["config", "show"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# effective config \(no config file: defaults\)\n/);
    expect(r.stdout).toContain("  openai:\n    type: openai\n");
  });

  it("validate says ok, with or without a file", async () => {
    expect((await cli(["config", "validate"])).stdout).toBe("ok: no config file, using defaults\n");
    writeFileSync(path.join(cwd, "breakfix.yaml"), "cache: false\n");
    expect((await cli(["config", "validate"])).stdout).toBe("ok: breakfix.yaml\n");
    const json = JSON.parse((await cli(["--json", "config", "validate"])).stdout);
    expect(json).toEqual({ ok: true, file: path.join(cwd, "breakfix.yaml") });
  });

  it("a bad --set is exit 2 naming the argument", async () => {
    const r = await cli(["--set", "cache=sometimes", "config", "validate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'breakfix: --set cache=sometimes: expected true or false, got "sometimes". Fix: write `cache: true` or `cache: false`\n',
    );
  });

  it("init writes a valid starter and refuses to overwrite without --force", async () => {
    const first = await cli(["config", "init"]);
    expect(first.code).toBe(0);
    const file = path.join(cwd, "breakfix.yaml");
    expect(readFileSync(file, "utf8")).toContain("providers:");
    expect((await cli(["config", "validate"])).code).toBe(0);

    writeFileSync(file, "cache: false\n");
    const again = await cli(["config", "init"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^breakfix: breakfix\.yaml: the file already exists\. Fix: .*--force.*\n$/);
    expect(readFileSync(file, "utf8")).toBe("cache: false\n");

    expect((await cli(["config", "init", "--force"])).code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("providers:");
    expect((await cli(["config", "init", "other.yaml"])).code).toBe(0);
    expect(existsSync(path.join(cwd, "other.yaml"))).toBe(true);
  });
});
