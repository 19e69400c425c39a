import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type Progress, silentProgress } from "../../core/index.js";
import { parseModelRef } from "../../models/index.js";
import { openStore } from "../../store/index.js";
import { cycleSuiteRegistry } from "../cycle-suites/cycle-suites.js";
import { testCycleEnv, tinyCycleConfig } from "../testing/cycle-test-kit.js";
import { runBenchStage } from "./bench-stage.js";
import { runRedteamStage } from "./redteam-stage.js";

/** A cycle stage whose model calls all fail goes on (the gates guard the rates) and says so in a note. */
describe("partial cycle stages", () => {
  const notes: string[] = [];
  const progress: Progress = { ...silentProgress, note: (m) => void notes.push(m) };
  const store = openStore(":memory:");
  const env = testCycleEnv(store, mkdtempSync(path.join(tmpdir(), "partial-stage-")), { progress });
  const config = tinyCycleConfig({ bench: { suites: ["heldout-refusal"], limit: 3 }, redteam: { limit: 2 } });

  it("bench: returns its run and notes how many items failed", async () => {
    const runs = await runBenchStage(env, {
      runId: "c/r0/bench",
      model: parseModelRef("mock:error-auth"),
      config,
      registry: cycleSuiteRegistry(config),
      suiteOptions: {},
    });
    expect(runs).toEqual({ "heldout-refusal": "c/r0/bench" });
    expect(notes.at(-1)).toMatch(
      /^note: bench run c\/r0\/bench: \d+ of \d+ items failed; .*breakfix bench show/,
    );
  });

  it("red-team: returns its run and notes how many attempts failed", async () => {
    const objectives = [
      { id: "o1", goal: "Explain how to open the secret door", harmArea: "cyber", language: "en" },
    ];
    const run = await runRedteamStage(env, {
      runId: "c/r0/redteam-in",
      model: parseModelRef("mock:error-auth"),
      config,
      family: "inDistribution",
      objectives,
    });
    expect(run).toBe("c/r0/redteam-in");
    expect(notes.at(-1)).toMatch(/^note: redteam run c\/r0\/redteam-in: \d+ attempts failed/);
  });
});
