import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseModelRef } from "../models/index.js";
import { computeRoundMetrics } from "../stats/index.js";
import { openStore } from "../store/index.js";
import { checkpointIdOf } from "../train/index.js";
import { findingsOf, listVulnerabilities } from "../vuln/index.js";
import { assembleReportData } from "./assemble-report.js";
import { finishedStages } from "./cycle-record.js";
import type { CycleState } from "./cycle-state.js";
import { cycleSuiteRegistry } from "./cycle-suites/cycle-suites.js";
import { gateVerdict } from "./gates/index.js";
import { resumeCycle, runCycle } from "./run-cycle.js";
import { plannedStages } from "./stage-table.js";
import { cycleFingerprint, testCycleEnv, tinyCycleConfig } from "./testing/cycle-test-kit.js";

const dir = mkdtempSync(path.join(tmpdir(), "breakfix-cycle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a short cycle on the built-in model (tiny sizes)", () => {
  const store = openStore(path.join(dir, "cycle.db"));
  const config = tinyCycleConfig({ rounds: 2 });
  const env = testCycleEnv(store, dir);
  const run = runCycle(env, { config, outRoot: path.join(dir, "cycles"), cycleId: "cycle-e2e" });

  it("runs every stage of the baseline and both rounds, in order, and records each", async () => {
    const outcome = await run;
    const stages = finishedStages(store, "cycle-e2e", parseModelRef("engine:base")).map(
      (r) => `${r.round}/${r.stage}`,
    );
    expect(stages).toEqual(plannedStages(2).map((s) => `${s.round}/${s.stage}`));
    expect(store.runs.get("cycle-e2e")?.status).toBe("done");
    expect(outcome.state.rounds.map((r) => r.round)).toEqual([0, 1, 2]);
    for (const r of outcome.state.rounds) {
      expect(Object.keys(r.timings).length).toBeGreaterThanOrEqual(4);
      expect(r.vulnerabilities).toEqual({ scope: "cycle-e2e", round: r.round });
    }
  }, 180_000);

  it("gives sub-runs ids derived from the cycle, round and stage", async () => {
    const { state } = await run;
    const r1 = state.rounds[1]!;
    expect(r1.benchRuns["heldout-refusal"]).toBe("cycle-e2e/r1/bench");
    expect(r1.campaignRuns).toEqual({
      inDistribution: "cycle-e2e/r1/redteam-in",
      heldOut: "cycle-e2e/r1/redteam-heldout",
      unseenRequests: "cycle-e2e/r1/redteam-unseen",
    });
    expect(store.runs.get("cycle-e2e/r0/redteam-heldout")?.status).toBe("done");
  });

  it("attacks the held-out requests with the fix families too, and keeps those breaks out of the fix data", async () => {
    const { state } = await run;
    const r0 = state.rounds[0]!;
    const objectives = (runId: string) => new Set(store.attacks.list(runId).map((a) => a.objectiveId));
    const unseen = objectives(r0.campaignRuns.unseenRequests!);
    expect(unseen).toEqual(objectives(r0.campaignRuns.heldOut!));
    for (const id of objectives(r0.campaignRuns.inDistribution!)) expect(unseen.has(id)).toBe(false);
    // Its outcomes are a headline metric of their own, one unit per held-out request.
    const metrics = computeRoundMetrics(store, r0, {
      registry: cycleSuiteRegistry(config),
    });
    const unseenRate = metrics["asr_unseen"];
    expect(unseenRate).toBeDefined();
    expect((unseenRate?.n ?? 0) + (unseenRate?.errors ?? 0)).toBe(unseen.size);
    const strategies = (runId: string) => new Set(store.attacks.list(runId).map((a) => a.strategy));
    expect(
      [...strategies(r0.campaignRuns.unseenRequests!)].every((s) =>
        strategies(r0.campaignRuns.inDistribution!).has(s),
      ),
    ).toBe(true);
    // Fix data comes from vulnerabilities; every finding behind them is from an in-distribution campaign.
    const fixRuns = new Set(state.rounds.map((r) => r.campaignRuns.inDistribution));
    const vulns = listVulnerabilities(store, { scope: "cycle-e2e" });
    expect(vulns.length).toBeGreaterThan(0);
    for (const v of vulns) for (const f of findingsOf(store, v)) expect(fixRuns.has(f.runId)).toBe(true);
  });

  it("trains round 1 from the baseline's breaks: fix data, SFT then DPO, evaluated as the round's model", async () => {
    const { state } = await run;
    const [base, r1, r2] = state.rounds as [
      CycleState["rounds"][0],
      CycleState["rounds"][0],
      CycleState["rounds"][0],
    ];
    expect(base.model?.id).toBe("engine:base");
    // The base model complies with harmful asks: the baseline campaign breaks it, so there is fix data.
    expect(r1.dataset?.sft).toBeGreaterThan(0);
    expect(r1.training?.map((t) => t.method)).toEqual(["sft", "dpo"]);
    expect(r1.model?.id).toBe(`engine:${r1.training?.[1]?.checkpointDir}`);
    expect(existsSync(path.join(r1.training![1]!.checkpointDir, "model.safetensors"))).toBe(true);
    expect(r1.training?.[0]?.metrics["steps"]).toBe(3);
    // Round 2 starts from round 1's model (its SFT reads round 1's checkpoint as the parent).
    expect(r2.model?.id).not.toBe(r1.model?.id);
    // Checkpoints are stored by weights hash: round 2's SFT checkpoint has round 1's DPO result as its parent.
    const lineage = store.checkpoints.get(checkpointIdOf(r2.training![0]!.checkpointDir));
    expect(lineage?.parentId).toBe(checkpointIdOf(r1.training![1]!.checkpointDir));
  });

  it("gates every trained round and reports the last verdict", async () => {
    const outcome = await run;
    const gates = finishedStages(store, "cycle-e2e", parseModelRef("engine:base")).filter(
      (r) => r.stage === "gates",
    );
    expect(gates.map((g) => g.round)).toEqual([1, 2]);
    expect(outcome.verdict?.round).toBe(2);
    expect(typeof outcome.verdict?.pass).toBe("boolean");
    if (outcome.verdict && !outcome.verdict.pass) expect(outcome.verdict.failed.length).toBeGreaterThan(0);
    // The verdicts the stages recorded (the exit code) are the ones the report shows for the same rounds.
    const report = assembleReportData(store, outcome.state, {
      gates: config.gates,
      registry: cycleSuiteRegistry(config),
      bootstrap: 50,
    });
    for (const g of gates) {
      expect(g.verdict).toEqual(gateVerdict(report.rounds.find((r) => r.round === g.round)?.gates ?? []));
    }
    expect(outcome.verdict).toEqual(report.verdict);
  });

  it("writes the state after each stage as cycle-state.json", async () => {
    const outcome = await run;
    const file = path.join(outcome.outDir, "cycle-state.json");
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(JSON.parse(JSON.stringify(outcome.state)));
  });

  it("run again under another id (ids carry the time), gives the same weights, metrics and vulnerabilities", async () => {
    const outcome = await run;
    const again = await runCycle(testCycleEnv(store, dir), {
      config,
      outRoot: path.join(dir, "cycles"),
      cycleId: "cycle-e2e-again",
    });
    // Dataset versions hash provenance, which names the runs; everything the data produced must match.
    const comparable = (state: typeof outcome.state) =>
      (cycleFingerprint(store, state, config) as { dataset?: unknown }[]).map(
        ({ dataset: _, ...rest }) => rest,
      );
    expect(comparable(again.state)).toEqual(comparable(outcome.state));
  }, 180_000);

  it("resuming a finished cycle runs nothing again and gives the same outcome", async () => {
    const outcome = await run;
    const before = cycleFingerprint(store, outcome.state, config);
    const again = await resumeCycle(testCycleEnv(store, dir), "cycle-e2e");
    expect(again.resumed).toBe(true);
    expect(again.state).toEqual(outcome.state);
    expect(cycleFingerprint(store, again.state, config)).toEqual(before);
  });
});
