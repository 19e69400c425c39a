import path from "node:path";
import type { AppEnv } from "../app/index.js";
import { BreakfixError, escapeText } from "../core/index.js";
import type { JudgeSpec } from "../judges/index.js";
import { readTrainingFile, type TrainingFormat } from "../training-data/index.js";
import { findingsOf, listVulnerabilities } from "../vuln/index.js";
import { readCandidatesFile } from "./candidates-file.js";
import { compileFixData } from "./compile-fix-data.js";
import { curateFixData } from "./curate-fix-data.js";
import { type CollectedEvalTexts, collectEvalTexts, DEFAULT_EVAL_SETS } from "./eval-texts.js";
import type { FixCandidates } from "./types.js";

/** What a caller asks of `data curate`: its flags, camel-cased (files relative to the environment's folder). */
export interface CurateRequest {
  scope: string;
  round: number;
  out: string;
  name?: string;
  evalSets?: string[];
  heldOutRun: string[];
  safetyShare?: number;
  validation?: number;
  maxPerArea?: number;
  lookalikes?: number;
  helpfulness?: string;
  candidates: string[];
  teacher?: string;
  harmJudge: JudgeSpec;
  refusalJudge: JudgeSpec;
  formats?: TrainingFormat[];
  includeFixed?: boolean;
  seed: number;
  /** Where the skipped eval sets and the compiler's notes are said (as they happen); unsaid without it. */
  warn?(message: string): void;
}

/** The dataset written, with what went into it and what was left out. */
export interface CuratedRound {
  name: string;
  version: string;
  dir: string;
  vulnerabilities: number;
  counts: ReturnType<typeof curateFixData>["counts"];
  judgeDropped: unknown[];
  evalSets: CollectedEvalTexts["loaded"];
  skippedEvalSets: string[];
  files: ReturnType<typeof curateFixData>["files"];
}

/**
 * Fix data for a round's vulnerabilities (and imported candidates): compiled and judged, then deduplicated,
 * decontaminated against the eval sets and the held-out runs' attacks, balanced, mixed, split and written as
 * a versioned dataset.
 */
export async function curateRound(env: AppEnv, request: CurateRequest): Promise<CuratedRound> {
  const { store } = env;
  const vulnerabilities = listVulnerabilities(store, { scope: request.scope, round: request.round }).filter(
    (v) => request.includeFixed || v.status !== "fixed",
  );
  const extra = request.candidates.map((f) => readCandidatesFile(path.resolve(env.cwd, f)));
  if (vulnerabilities.length === 0 && extra.length === 0) {
    throw new BreakfixError(
      "NOT_FOUND",
      `no unfixed vulnerabilities in scope ${request.scope} round ${request.round}`,
      {
        fix: "run `breakfix vulns identify --scope <s> --round <n> --campaign <runId>` first, or pass --candidates",
      },
    );
  }
  const helpfulness = request.helpfulness
    ? readTrainingFile(path.resolve(env.cwd, request.helpfulness), "openai")
    : undefined;
  const teacher = request.teacher ? await env.resolveModel(env.modelRef(request.teacher)) : undefined;
  const compiled = await compileFixData({
    vulnerabilities,
    findings: [],
    findingsOf: (v) => findingsOf(store, v),
    round: request.round + 1,
    seed: request.seed,
    harmJudge: await env.createJudge(request.harmJudge),
    refusalJudge: await env.createJudge(request.refusalJudge),
    ...(teacher ? { teacher } : {}),
    ...(request.lookalikes === undefined ? {} : { lookalikesPerVulnerability: request.lookalikes }),
    signal: env.signal,
  });
  const candidates: FixCandidates = {
    sft: [...compiled.sft, ...extra.flatMap((c) => c.sft)],
    pairs: [...compiled.pairs, ...extra.flatMap((c) => c.pairs)],
    dropped: compiled.dropped,
    warnings: compiled.warnings,
  };
  const evalTexts = await collectEvalTexts({
    ids: request.evalSets ?? DEFAULT_EVAL_SETS,
    load: env.datasets,
  });
  for (const s of evalTexts.skipped)
    request.warn?.(`warning: eval set ${s.id} skipped: ${escapeText(s.reason, { oneLine: true })}`);
  for (const w of compiled.warnings) request.warn?.(`warning: ${escapeText(w, { oneLine: true })}`);
  const result = curateFixData({
    candidates,
    evalTexts: evalTexts.texts,
    heldOutTexts: heldOutAttackTexts(env, request.heldOutRun),
    ...(helpfulness?.data.kind === "sft" ? { helpfulness: helpfulness.data.rows } : {}),
    ...(request.safetyShare === undefined ? {} : { safetyShare: request.safetyShare }),
    ...(request.validation === undefined ? {} : { validationFraction: request.validation }),
    ...(request.maxPerArea === undefined ? {} : { maxPerArea: request.maxPerArea }),
    ...(request.formats ? { formats: request.formats } : {}),
    seed: request.seed,
    name: request.name ?? `${request.scope}-round-${request.round + 1}`,
    outDir: path.resolve(env.cwd, request.out),
    store,
  });
  return {
    name: result.name,
    version: result.version,
    dir: result.dir,
    vulnerabilities: vulnerabilities.length,
    counts: result.counts,
    judgeDropped: compiled.dropped,
    evalSets: evalTexts.loaded,
    skippedEvalSets: evalTexts.skipped.map((s) => s.id),
    files: result.files,
  };
}

/** Every user turn the held-out campaigns sent: never trained on. */
function heldOutAttackTexts(env: AppEnv, runIds: readonly string[]) {
  return runIds.flatMap((runId) =>
    env.store.attacks.list(runId).flatMap((a) =>
      a.transcript
        .filter((m) => m.role === "user")
        .map((m, i) => ({
          source: `held-out:${runId}`,
          id: `${a.objectiveId}#${a.attempt}/${i}`,
          text: m.content,
        })),
    ),
  );
}

export function formatCurated(v: CuratedRound): string {
  const r = v.counts.removed;
  return [
    `dataset ${v.name}@${v.version} in ${escapeText(v.dir, { oneLine: true })} (from ${v.vulnerabilities} vulnerabilities)`,
    `  SFT ${v.counts.sft} train / ${v.counts.sftValidation} validation; DPO ${v.counts.dpo} train / ${v.counts.dpoValidation} validation`,
    `  removed: ${r.contamination} contaminated, ${r["exact-duplicate"]} exact and ${r["near-duplicate"]} near duplicates, ${r.balance} over the area cap, ${r.mix} for the safety share; ${v.judgeDropped.length} failed their judge`,
    ...(v.skippedEvalSets.length > 0
      ? [`  not decontaminated against (missing): ${v.skippedEvalSets.join(", ")}`]
      : []),
  ].join("\n");
}
