import path from "node:path";
import type { Command } from "commander";
import {
  type AttackTemplate,
  builtinTemplateRegistry,
  loadTemplateCatalog,
  readUserTemplates,
  withUserTemplates,
} from "../../attacks/index.js";
import { BreakfixError, escapeText, type Registry } from "../../core/index.js";
import { BUILTIN_OBJECTIVES, builtinObjectiveSamples } from "../../cycle/sources/cycle-objectives.js";
import { datasetRegistry } from "../../datasets/index.js";
import { createJudge, type JudgeSpec, parseJudgeSpec } from "../../judges/index.js";
import {
  type CampaignConfig,
  CONTENT_WARNING,
  campaignMetrics,
  definePersona,
  formatCampaignMetrics,
  formatFinding,
  formatTranscript,
  loadObjectives,
  looksLikeObjectivesFile,
  resolvePersona,
  runCampaign,
  withObjectiveFiles,
} from "../../redteam/index.js";
import type { CliContext } from "../context.js";
import { judgeFlag, judgeModels } from "../judge-models.js";
import { commaList, positiveInt, wholeNumber } from "../option-parsers.js";
import { ALLOW_FAILURES_HELP, assertNoFailures } from "../partial-runs.js";
import { datasetLoadOptions } from "./dataset-options.js";

const DEFAULT_OBJECTIVES = ["harmbench"];
const DEFAULT_JUDGE = "harm:learned";
const DEFAULT_PERSONA = "low-skilled";

interface RunOptions {
  model?: string;
  persona?: string;
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
  allowFailures?: boolean;
}

/** The campaign as the store holds it, for a resume that names only the run id. */
function priorConfig(config: Record<string, unknown> | undefined): CampaignConfig | undefined {
  return config && "persona" in config ? (config as unknown as CampaignConfig) : undefined;
}

export function registerRedteamCommands(program: Command, ctx: CliContext): void {
  const redteam = program
    .command("redteam")
    .description(
      "Red-team campaigns: an adversary persona against a model's objectives; show runs and findings",
    );

  redteam
    .command("run")
    .description("run a persona's strategies on each objective; with an existing --run-id, resume it")
    .option(
      "-m, --model <id>",
      "target model (provider:name or alias; default: models.default, else engine:base)",
    )
    .option(
      "--persona <id|file>",
      "low-skilled | intermediate | a YAML/JSON persona file (default low-skilled)",
    )
    .option(
      "--objectives <sources>",
      "comma-separated objective sources (default harmbench): dataset ids, builtin (the built-in model's harmful requests), or files: .txt one goal per line, JSONL/CSV rows with goal or prompt (optional id, harm_area, language)",
      commaList,
    )
    .option(
      "--templates <dir|file>",
      "your jailbreak templates (.txt, PyRIT YAML value:, YAML/JSON template:) with {{ prompt }} where the request goes: template steps that list none run these; named ones still resolve",
    )
    .option("--area <ids>", "only these harm areas (taxonomy ids), comma-separated", commaList)
    .option("--language <codes>", "only these languages, comma-separated (multijail has ten)", commaList)
    .option("--limit <n>", "at most N objectives (a seeded choice)", positiveInt("--limit"))
    .option(
      "--budget <n>",
      "target queries per objective over all steps (default: the persona's)",
      positiveInt("--budget"),
    )
    .option(
      "--judge <id>",
      `success judge (default ${DEFAULT_JUDGE}); see \`breakfix judge list\``,
      judgeFlag,
    )
    .option("--attacker <model>", "attacker LLM for Crescendo, PAIR, TAP and LLM converters")
    .option(
      "--seed <n>",
      "seed for objective choice and every attack's random choices",
      wholeNumber("--seed"),
    )
    .option("--run-id <id>", "run id: resumes the run when it exists")
    .option(
      "--concurrency <n>",
      "objectives in flight (provider limits still apply)",
      positiveInt("--concurrency"),
      8,
    )
    .option("--max-tokens <n>", "target reply token limit", positiveInt("--max-tokens"), 512)
    .option(
      "--retry-failed",
      "when resuming, also redo the attempts that ended in an error (a failed model or judge call)",
    )
    .option("--allow-failures", ALLOW_FAILURES_HELP)
    .action(async (opts: RunOptions) => {
      const store = await ctx.store();
      const existing = opts.runId ? store.runs.get(opts.runId) : undefined;
      if (existing && existing.kind !== "redteam") {
        throw new BreakfixError(
          "USAGE",
          `run ${existing.id} is a ${existing.kind} run, not a red-team campaign`,
          {
            fix: "give a new --run-id, or leave it out",
          },
        );
      }
      const prior = priorConfig(existing?.config);
      if (prior) {
        const given = (
          [
            ["--model", opts.model],
            ["--persona", opts.persona],
            ["--objectives", opts.objectives],
            ["--templates", opts.templates],
            ["--area", opts.area],
            ["--language", opts.language],
            ["--limit", opts.limit],
            ["--budget", opts.budget],
            ["--judge", opts.judge],
            ["--attacker", opts.attacker],
            ["--seed", opts.seed],
          ] as const
        ).filter(([, v]) => v !== undefined);
        if (given.length > 0) {
          ctx.io.stderr(
            `note: resuming ${prior.persona.id} run ${existing?.id} with its stored configuration; ignored: ${given.map(([f]) => f).join(", ")}\n`,
          );
        }
      }
      const persona = prior
        ? definePersona(prior.persona)
        : await resolvePersona(opts.persona ?? DEFAULT_PERSONA, ctx.io.cwd);
      const target = await ctx.model(prior?.target ?? opts.model);
      const attackerId = prior?.attacker ?? opts.attacker;
      const attacker = attackerId ? await ctx.model(attackerId) : undefined;
      // A resumed run's judge comes back as the id it recorded.
      const judgeSpec = prior ? parseJudgeSpec(prior.judge) : (opts.judge ?? parseJudgeSpec(DEFAULT_JUDGE));
      const resolveModel = await judgeModels(ctx, [judgeSpec]);
      const config = await ctx.config();
      const judge = createJudge(judgeSpec, { resolveModel, taxonomy: config.taxonomy });
      const seed = prior?.seed ?? opts.seed ?? 1;
      const loadOptions = await datasetLoadOptions(ctx);
      const areas = opts.area ?? [];
      const languages = opts.language ?? [];
      // Files are recorded by absolute path, so the record says which file, wherever it was run from.
      const sources = (opts.objectives ?? DEFAULT_OBJECTIVES).map((s) =>
        looksLikeObjectivesFile(s) ? path.resolve(ctx.io.cwd, s) : s,
      );
      const templatesPath = opts.templates ? path.resolve(ctx.io.cwd, opts.templates) : undefined;
      const objectiveQuery = prior?.objectives ?? {
        datasets: sources,
        areas,
        languages,
        ...(opts.limit ? { limit: opts.limit } : {}),
        // Kept with the record so a resumed run renders the same templates.
        ...(templatesPath ? { templates: templatesPath } : {}),
      };
      const loadDataset = withObjectiveFiles(
        async (id) => (await datasetRegistry.get(id).load(loadOptions)).samples,
      );
      const objectives = prior
        ? []
        : await loadObjectives(
            {
              datasets: objectiveQuery["datasets"] as string[],
              areas,
              languages,
              limit: opts.limit,
              seed,
            },
            async (id) => (id === BUILTIN_OBJECTIVES ? builtinObjectiveSamples() : loadDataset(id)),
          );
      const userTemplates = objectiveQuery["templates"];
      const catalog = await templateRegistry(ctx);
      const templates =
        typeof userTemplates === "string"
          ? withUserTemplates(readUserTemplates(userTemplates), catalog)
          : catalog;
      const result = await runCampaign({
        store,
        runId: opts.runId,
        persona,
        objectives,
        objectiveQuery,
        target,
        judge,
        judgeId: judgeSpec.id,
        attacker,
        templates,
        budget: prior?.budget ?? opts.budget,
        seed,
        concurrency: opts.concurrency,
        targetOptions: prior?.targetOptions ?? { temperature: 0, maxTokens: opts.maxTokens },
        retryFailed: opts.retryFailed,
        progress: ctx.progress(),
        signal: ctx.io.signal,
      });
      const metrics = campaignMetrics(store.attacks.list(result.runId));
      const findings = store.findings.list({ runId: result.runId }).length;
      ctx.print(
        {
          runId: result.runId,
          resumed: result.resumed,
          status: result.status,
          skippedSteps: result.skippedSteps,
          ...(result.retried === undefined ? {} : { retried: result.retried }),
          findings,
          failed: { attempts: metrics.errors.attempts, objectivesUndecided: metrics.errors.objectives },
          metrics,
        },
        () =>
          [
            `${result.resumed ? "resumed" : "started"} ${result.runId}: persona ${persona.id} vs ${target.id}, judge ${judgeSpec.id}`,
            ...result.skippedSteps.map((s) => `note: step ${s.step} (${s.strategy}) ${s.reason}`),
            ...(result.retried === undefined ? [] : [`retried ${result.retried} failed attempts`]),
            formatCampaignMetrics(metrics),
            `findings: ${findings} (see \`breakfix redteam show ${result.runId} --findings\`)`,
          ].join("\n"),
      );
      if (result.status === "interrupted") {
        throw new BreakfixError(
          "ABORTED",
          `red-team run ${result.runId} was interrupted; finished attempts are kept`,
          {
            fix: `resume it with \`breakfix redteam run --run-id ${result.runId}\``,
          },
        );
      }
      assertNoFailures(
        {
          what: "red-team run",
          runId: result.runId,
          failed: metrics.errors.attempts,
          total: metrics.attempts,
          unit: "attempts",
          reason: metrics.errors.reasons[0]?.reason,
          retry: `breakfix redteam run --run-id ${result.runId} --retry-failed`,
        },
        opts.allowFailures,
      );
    });

  redteam
    .command("show <run>")
    .description(
      "a campaign's metrics with 95% intervals, recomputed from the store; findings and transcripts",
    )
    .option("--findings", "list the findings with what rebuilds each attack")
    .option("--transcripts", "print every attempt's deciding transcript (escaped, content warning first)")
    .action(async (runId: string, opts: { findings?: boolean; transcripts?: boolean }) => {
      const store = await ctx.store();
      const run = store.runs.require(runId);
      if (run.kind !== "redteam") {
        throw new BreakfixError("USAGE", `run ${runId} is a ${run.kind} run, not a red-team campaign`, {
          fix: `use \`breakfix ${run.kind} show ${runId}\``,
        });
      }
      const attacks = store.attacks.list(runId);
      const findings = opts.findings ? store.findings.list({ runId }) : undefined;
      const value = {
        run: { id: run.id, status: run.status, name: run.name, config: run.config },
        metrics: campaignMetrics(attacks),
        ...(findings ? { findings } : {}),
        ...(opts.transcripts ? { contentWarning: CONTENT_WARNING, attempts: attacks } : {}),
      };
      ctx.print(value, () => {
        const out = [
          `${run.id} (${run.status}): ${escapeText(run.name, { oneLine: true })}`,
          formatCampaignMetrics(value.metrics),
        ];
        if (findings)
          out.push("", `findings (${findings.length}, most severe first):`, ...findings.map(formatFinding));
        if (opts.transcripts) {
          out.push("", CONTENT_WARNING);
          for (const a of attacks) {
            out.push(
              "",
              `${escapeText(a.objectiveId, { oneLine: true })} #${a.attempt} ${a.strategy}: ${a.outcome} in ${a.queries} queries${a.error ? ` (${escapeText(a.error, { oneLine: true })})` : ""}`,
              formatTranscript(a.transcript),
            );
          }
        }
        return out.join("\n");
      });
    });
}

/** The built-in templates plus the shared ones when the dataset is there; without it, the built-ins alone. */
async function templateRegistry(ctx: CliContext): Promise<Registry<AttackTemplate>> {
  try {
    return (await loadTemplateCatalog(await datasetLoadOptions(ctx))).registry;
  } catch (err) {
    if (!(err instanceof BreakfixError) || err.code !== "NOT_FOUND") throw err;
    ctx.io.stderr(
      `warning: shared jailbreak templates not loaded, using the built-in ones: ${escapeText(err.toLine(), { oneLine: true })}\n`,
    );
    return builtinTemplateRegistry();
  }
}
