import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../../../test/helpers/run-cli.js";

const dir = mkdtempSync(path.join(tmpdir(), "breakfix-cycle-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// No datasets beside the folder: judge calibration is skipped, as on a fresh clone.
const cli = (argv: string[]) =>
  runCliCaptured(["--db", path.join(dir, "c.db"), ...argv], {
    cwd: dir,
    env: { BREAKFIX_DATASETS: path.join(dir, "no-datasets") },
  });
const file = (name: string, text: string): string => {
  writeFileSync(path.join(dir, name), text);
  return name;
};

const TINY = `model: engine:base
rounds: 1
seed: 3
bench:
  suites: [heldout-refusal, capability]
  limit: 8
  maxTokens: 24
redteam:
  limit: 9
  maxTokens: 24
training:
  sft: { steps: 2, batchSize: 4 }
  dpo: { steps: 1, batchSize: 2 }
`;

describe("breakfix cycle: bad input exits 2 with the place and a fix", () => {
  it("points at a YAML syntax error's line", async () => {
    const r = await cli([
      "cycle",
      "run",
      file("broken.yaml", "model: engine:base\nbench:\n  suites: [xstest\n"),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^breakfix: broken\.yaml:\d+:\d+: invalid YAML/);
  });

  it("names an unknown key with its line and field", async () => {
    const r = await cli([
      "cycle",
      "run",
      file("typo.yaml", "model: engine:base\ntraining:\n  sft:\n    stpes: 3\n"),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("typo.yaml:4:");
    expect(r.stderr).toContain("training.sft.stpes: unknown key");
    expect(r.stderr).toContain("stpes");
    expect(r.stderr).toContain("Fix:");
  });

  it("rejects a wrong type and a bad gate", async () => {
    const rounds = await cli(["cycle", "run", file("r.yaml", "rounds: two\n")]);
    expect(rounds.code).toBe(2);
    expect(rounds.stderr).toContain("r.yaml:1:");
    const gate = await cli(["cycle", "run", file("g.yaml", "gates:\n  maxAsr: 3\n")]);
    expect(gate.code).toBe(2);
    expect(gate.stderr).toContain("gates.maxAsr");
  });

  it("names an unknown suite and bad strategy options before anything runs", async () => {
    const suite = await cli([
      "cycle",
      "run",
      file("s.yaml", "bench:\n  suites: [capability, heldout-refusl]\n"),
    ]);
    expect(suite.code).toBe(2);
    expect(suite.stderr).toContain("s.yaml:2:");
    expect(suite.stderr).toContain('unknown suite "heldout-refusl"');
    const persona = await cli([
      "cycle",
      "run",
      file(
        "p.yaml",
        "redteam:\n  heldOut:\n    id: x\n    steps:\n      - strategy: converter-chain\n        options: { chainz: [] }\n        budget: 1\n",
      ),
    ]);
    expect(persona.code).toBe(2);
    expect(persona.stderr).toContain("p.yaml:6:");
    expect(persona.stderr).toContain("chainz");
    expect((await cli(["cycle", "list"])).stdout).toContain("no cycles yet");
  });

  it("rejects bad flags, a missing file and an unknown cycle", async () => {
    expect((await cli(["cycle", "run", "--rounds", "0"])).code).toBe(2);
    const missing = await cli(["cycle", "run", "nope.yaml"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nope.yaml");
    const unknown = await cli(["cycle", "show", "cycle-nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("cycle-nope");
  });
});

describe("breakfix cycle run / show / report / list on tiny sizes", () => {
  it("lists no cycles at first", async () => {
    const r = await cli(["cycle", "list"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("no cycles yet");
  });

  it("exits 0 when the last round passes its gates and writes the report", async () => {
    const open = `${TINY}gates:
  maxAsr: null
  maxAsrHeldout: null
  minIprr: null
  maxVprr: null
  maxVprrLookalike: null
  maxDefectRate: { default: null }
  maxDegenerate: null
  maxCapabilityDropPoints: null
  noRegression: { vsPrevious: false, vsBaseline: false }
`;
    const r = await cli(["--json", "-q", "cycle", "run", file("open.yaml", open), "--out", "cycles"]);
    expect(r.code, r.stderr).toBe(0);
    const outcome = JSON.parse(r.stdout);
    expect(outcome.verdict).toMatchObject({ round: 1, pass: true });
    expect(outcome.state.rounds).toHaveLength(2);
    expect(existsSync(outcome.report.html)).toBe(true);
    expect(outcome.report.html.startsWith(path.join(dir, "cycles", outcome.cycleId))).toBe(true);

    const show = await cli(["cycle", "show", outcome.cycleId]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain("14/14 stages done");
    const again = await cli(["--json", "cycle", "report", outcome.cycleId, "--out", "again"]);
    expect(again.code).toBe(0);
    const json = JSON.parse(readFileSync(path.join(dir, "again", "report.json"), "utf8"));
    expect(json.cycleId).toBe(outcome.cycleId);
    expect(json.rounds).toHaveLength(2);
  }, 120_000);

  it("exits 1 when a gate fails, naming it; `list` shows the verdict", async () => {
    const strict = `${TINY}gates:\n  minCapability: 1\n`;
    const r = await cli(["-q", "cycle", "run", file("strict.yaml", strict), "--out", "cycles"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("capability >= 1.00");
    const list = await cli(["cycle", "list"]);
    expect(list.stdout).toContain("FAIL");
    expect(list.stdout).toContain("PASS");
  }, 120_000);
});
