import path from "node:path";
import type { BenchItem } from "../../bench/index.js";
import type { Message } from "../../core/index.js";
import { compileFixData, curateFixData } from "../../curate/index.js";
import { parseJudgeSpec } from "../../judges/index.js";
import { findingsOf, listVulnerabilities } from "../../vuln/index.js";
import type { CycleEnv } from "../cycle-env.js";
import { modelOf } from "../cycle-record.js";
import type { RoundState } from "../cycle-state.js";
import type { PreparedCycle } from "../run-stage.js";
import { helpfulnessData } from "../sources/builtin-helpfulness.js";
import { defineStage, previousRound } from "./stage.js";

const userText = (prompt: string | readonly Message[]): string[] =>
  typeof prompt === "string" ? [prompt] : prompt.filter((m) => m.role === "user").map((m) => m.content);

/**
 * Fix data for round r from every vulnerability known at round r−1 (new, open, re-opened and fixed):
 * compiled (safe replies, DPO pairs, benign look-alikes, each judged before it is admitted), then curated: deduplicated, decontaminated against every
 * prompt the cycle evaluates with and every held-out attack text, balanced and split, written as versioned
 * training files.
 */
export async function runCurateStage(
  env: CycleEnv,
  input: { prepared: PreparedCycle; round: number; previous: RoundState },
): Promise<NonNullable<RoundState["dataset"]>> {
  const { prepared: p, round, previous } = input;
  const scope = previous.vulnerabilities?.scope ?? p.cycleId;
  // Fixed ones too (with the findings of the round they last broke): their fix data is replayed, so a later
  // round's training does not undo an earlier fix.
  const vulnerabilities = listVulnerabilities(env.store, { scope, round: round - 1 });
  // A fixed snapshot lists no findings of its own: `findingsOf` gives it those of the round it last broke.
  const findingsByVuln = new Map(vulnerabilities.map((v) => [v.id, findingsOf(env.store, v)]));
  const teacher = p.config.fixData.teacher ? await env.resolveModel(p.config.fixData.teacher) : undefined;
  const distill = p.config.fixData.distill;
  // The model being fixed is the one round r−1 measured.
  const distillModel = distill ? await env.resolveModel(modelOf(previous)) : undefined;
  const candidates = await compileFixData({
    vulnerabilities,
    findings: [...findingsByVuln.values()].flat(),
    findingsOf: (v) => findingsByVuln.get(v.id) ?? [],
    round,
    seed: p.config.seed,
    harmJudge: env.createJudge(p.config.redteam.judge),
    refusalJudge: env.createJudge(parseJudgeSpec("refusal:learned")),
    ...(teacher ? { teacher } : {}),
    ...(distill && distillModel ? { distill: { model: distillModel, ...distill } } : {}),
    ...(p.config.fixData.lookalikesPerVulnerability === undefined
      ? {}
      : { lookalikesPerVulnerability: p.config.fixData.lookalikesPerVulnerability }),
    signal: env.signal,
  });
  if (candidates.sft.length + candidates.pairs.length === 0) {
    env.progress.note(
      `round ${round}: no fix data (${vulnerabilities.length} vulnerabilities known at round ${round - 1}); training is skipped`,
    );
    return { name: `${p.cycleId}-round-${round}`, version: "empty", dir: "", sft: 0, dpo: 0 };
  }
  const helpfulness = helpfulnessData(p.config.fixData.helpfulness, p.config.seed, round, env.cwd);
  const result = curateFixData({
    candidates,
    ...(helpfulness.length ? { helpfulness, helpfulnessPairs: p.config.fixData.helpfulnessPairs } : {}),
    evalTexts: evaluationTexts(env, previous),
    heldOutTexts: heldOutTexts(env, p, previous),
    ...(p.config.fixData.safetyShare === undefined ? {} : { safetyShare: p.config.fixData.safetyShare }),
    validationFraction: p.config.fixData.validationFraction,
    seed: p.config.seed,
    name: `${p.cycleId}-round-${round}`,
    outDir: path.join(p.outDir, `round-${round}`, "data"),
    store: env.store,
  });
  return {
    name: result.name,
    version: result.version,
    dir: result.dir,
    sft: result.counts.sft,
    dpo: result.counts.dpo,
    files: { sft: result.files.sft, dpo: result.files.dpo },
  };
}

export const curateStage = defineStage({
  name: "curate",
  rounds: "trained",
  reads: { previous: ["vulnerabilities", "model", "benchRuns", "campaignRuns"] },
  sets: ["dataset"],
  run: async (ctx) => ({
    patch: {
      dataset: await runCurateStage(ctx.env, {
        prepared: ctx.prepared,
        round: ctx.round,
        previous: previousRound(ctx),
      }),
    },
  }),
});

/** Every prompt the cycle's benchmarks ask (all suites, every round asks the same): never trained on. */
function evaluationTexts(env: CycleEnv, previous: RoundState): string[] {
  const runs = new Set(Object.values(previous.benchRuns));
  return [...runs].flatMap((runId) =>
    env.store.items.list<BenchItem>(runId).flatMap((i) => (i.payload ? userText(i.payload.prompt) : [])),
  );
}

/** The held-out objectives and every attack text the held-out campaigns sent so far. */
function heldOutTexts(env: CycleEnv, p: PreparedCycle, previous: RoundState): string[] {
  const goals = p.objectives.heldOut.map((o) => o.goal);
  const { heldOut, unseenRequests } = previous.campaignRuns;
  const sent = [heldOut, unseenRequests].flatMap((runId) =>
    runId
      ? env.store.attacks
          .list(runId)
          .flatMap((a) => a.transcript.filter((m) => m.role === "user").map((m) => m.content))
      : [],
  );
  return [...goals, ...sent];
}
