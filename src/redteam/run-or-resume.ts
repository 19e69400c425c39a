import path from "node:path";
import type { AppEnv } from "../app/index.js";
import {
  type AttackTemplate,
  builtinTemplateRegistry,
  loadTemplateCatalog,
  readUserTemplates,
  withUserTemplates,
} from "../attacks/index.js";
import { BreakfixError, escapeText, type Registry, type Sample } from "../core/index.js";
import { type JudgeSpec, parseJudgeSpec } from "../judges/index.js";
import { type CampaignConfig, type CampaignResult, runCampaign } from "./campaign.js";
import { type CampaignMetrics, campaignMetrics } from "./campaign-metrics.js";
import { formatCampaignMetrics } from "./format-campaign.js";
import { loadObjectives } from "./objectives.js";
import { looksLikeObjectivesFile, withObjectiveFiles } from "./objectives-file.js";
import { definePersona } from "./persona.js";
import { resolvePersona } from "./persona-registry.js";

export const DEFAULT_OBJECTIVES = ["harmbench"];
export const DEFAULT_JUDGE = "harm:learned";
export const DEFAULT_PERSONA = "low-skilled";

/** What a caller asks of a campaign: the `redteam run` flags, camel-cased, and where objectives come from. */
export interface CampaignRequest {
  model?: string;
  persona?: string;
  /** Objective sources: dataset ids, names in `objectiveSources`, or files (relative to the environment's folder). */
  objectives?: string[];
  templates?: string;
  area?: string[];
  language?: string[];
  limit?: number;
  budget?: number;
  judge?: JudgeSpec;
  attacker?: string;
  seed?: number;
  runId?: string;
  concurrency: number;
  maxTokens: number;
  retryFailed?: boolean;
  /** Sources that are no dataset (the built-in model's own requests). */
  objectiveSources?: Record<string, () => Sample[]>;
}

export interface CampaignRun extends CampaignResult {
  persona: string;
  target: string;
  judge: string;
  metrics: CampaignMetrics;
  findings: number;
}

/** Settings a resume takes from the stored run; giving one is noted and ignored. */
const STORED = [
  "model",
  "persona",
  "objectives",
  "templates",
  "area",
  "language",
  "limit",
  "budget",
  "judge",
  "attacker",
  "seed",
] as const;

/**
 * Starts a red-team campaign, or resumes the one `runId` names with its stored configuration (finished
 * attempts are kept). Returns the campaign's outcome with its metrics and finding count from the store.
 */
export async function runOrResumeCampaign(env: AppEnv, request: CampaignRequest): Promise<CampaignRun> {
  const existing = request.runId ? env.store.runs.get(request.runId) : undefined;
  if (existing && existing.kind !== "redteam") {
    throw new BreakfixError(
      "USAGE",
      `run ${existing.id} is a ${existing.kind} run, not a red-team campaign`,
      {
        fix: "give a new --run-id, or leave it out",
      },
    );
  }
  const prior =
    existing && "persona" in existing.config ? (existing.config as unknown as CampaignConfig) : undefined;
  if (prior) {
    const given = STORED.filter((k) => request[k] !== undefined);
    if (given.length > 0) {
      env.warn(
        `note: resuming ${prior.persona.id} run ${existing?.id} with its stored configuration; ignored: ${given.map((k) => `--${k}`).join(", ")}`,
      );
    }
  }
  const persona = prior
    ? definePersona(prior.persona)
    : await resolvePersona(request.persona ?? DEFAULT_PERSONA, env.cwd);
  const target = await env.resolveModel(env.modelRef(prior?.target ?? request.model));
  const attackerId = prior?.attacker ?? request.attacker;
  const attacker = attackerId ? await env.resolveModel(env.modelRef(attackerId)) : undefined;
  // A resumed run's judge comes back as the id it recorded.
  const judgeSpec = prior ? parseJudgeSpec(prior.judge) : (request.judge ?? parseJudgeSpec(DEFAULT_JUDGE));
  const judge = await env.createJudge(judgeSpec);
  const seed = prior?.seed ?? request.seed ?? 1;
  const areas = request.area ?? [];
  const languages = request.language ?? [];
  // Files are recorded by absolute path, so the record says which file, wherever it was run from.
  const sources = (request.objectives ?? DEFAULT_OBJECTIVES).map((s) =>
    looksLikeObjectivesFile(s) ? path.resolve(env.cwd, s) : s,
  );
  const templatesPath = request.templates ? path.resolve(env.cwd, request.templates) : undefined;
  const objectiveQuery = prior?.objectives ?? {
    datasets: sources,
    areas,
    languages,
    ...(request.limit ? { limit: request.limit } : {}),
    // Kept with the record so a resumed run renders the same templates.
    ...(templatesPath ? { templates: templatesPath } : {}),
  };
  const loadDataset = withObjectiveFiles(env.loadSamples);
  const objectives = prior
    ? []
    : await loadObjectives(
        { datasets: sources, areas, languages, limit: request.limit, seed },
        async (id) => {
          const own = request.objectiveSources?.[id];
          return own ? own() : loadDataset(id);
        },
      );
  const userTemplates = objectiveQuery["templates"];
  const catalog = await templateCatalog(env);
  const result = await runCampaign({
    store: env.store,
    runId: request.runId,
    persona,
    objectives,
    objectiveQuery,
    target,
    judge,
    judgeId: judgeSpec.id,
    attacker,
    templates:
      typeof userTemplates === "string"
        ? withUserTemplates(readUserTemplates(userTemplates), catalog)
        : catalog,
    budget: prior?.budget ?? request.budget,
    seed,
    concurrency: request.concurrency,
    targetOptions: prior?.targetOptions ?? { temperature: 0, maxTokens: request.maxTokens },
    retryFailed: request.retryFailed,
    progress: env.progress,
    signal: env.signal,
  });
  const metrics = campaignMetrics(env.store.attacks.list(result.runId));
  const findings = env.store.findings.list({ runId: result.runId }).length;
  return { ...result, persona: persona.id, target: target.id, judge: judgeSpec.id, metrics, findings };
}

/** The built-in templates plus the shared ones when the dataset is there; without it, the built-ins alone. */
async function templateCatalog(env: AppEnv): Promise<Registry<AttackTemplate>> {
  try {
    return (await loadTemplateCatalog(env.datasets)).registry;
  } catch (err) {
    if (!(err instanceof BreakfixError) || err.code !== "NOT_FOUND") throw err;
    env.warn(
      `warning: shared jailbreak templates not loaded, using the built-in ones: ${escapeText(err.toLine(), { oneLine: true })}`,
    );
    return builtinTemplateRegistry();
  }
}

/** A campaign run as `redteam run --json` reports it (and the web app shows it). */
export function campaignRunSummary(run: CampaignRun) {
  const { metrics } = run;
  return {
    runId: run.runId,
    resumed: run.resumed,
    status: run.status,
    skippedSteps: run.skippedSteps,
    ...(run.retried === undefined ? {} : { retried: run.retried }),
    findings: run.findings,
    failed: { attempts: metrics.errors.attempts, objectivesUndecided: metrics.errors.objectives },
    metrics,
  };
}

export function formatCampaignRun(run: CampaignRun): string {
  return [
    `${run.resumed ? "resumed" : "started"} ${run.runId}: persona ${run.persona} vs ${run.target}, judge ${run.judge}`,
    ...run.skippedSteps.map((s) => `note: step ${s.step} (${s.strategy}) ${s.reason}`),
    ...(run.retried === undefined ? [] : [`retried ${run.retried} failed attempts`]),
    formatCampaignMetrics(run.metrics),
    `findings: ${run.findings} (see \`breakfix redteam show ${run.runId} --findings\`)`,
  ].join("\n");
}
