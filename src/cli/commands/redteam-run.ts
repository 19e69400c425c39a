import type { Command } from "commander";
import { BUILTIN_OBJECTIVES, builtinObjectiveSamples } from "../../cycle/index.js";
import {
  type CampaignRequest,
  campaignRunSummary,
  DEFAULT_JUDGE,
  formatCampaignRun,
  runOrResumeCampaign,
} from "../../redteam/index.js";
import type { CliContext } from "../context.js";
import { judgeFlag } from "../judge-models.js";
import { commaList, positiveInt, wholeNumber } from "../option-parsers.js";
import { ALLOW_FAILURES_HELP, assertRunComplete } from "../partial-runs.js";

/** `redteam run`: the options, one `runOrResumeCampaign`, its outcome. */
export function registerRedteamRun(redteam: Command, ctx: CliContext): void {
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
    .action(async (opts: CampaignRequest & { allowFailures?: boolean }) => {
      const { allowFailures, ...request } = opts;
      const objectiveSources = { [BUILTIN_OBJECTIVES]: builtinObjectiveSamples };
      const run = await runOrResumeCampaign(await ctx.env(), { ...request, objectiveSources });
      ctx.print(campaignRunSummary(run), () => formatCampaignRun(run));
      const { runId, metrics } = run;
      const { attempts: total, errors } = metrics;
      const [top] = errors.reasons;
      const failures = { failed: errors.attempts, total, unit: "attempts", reason: top?.reason };
      assertRunComplete(
        { what: "red-team run", command: "breakfix redteam run", runId, status: run.status, ...failures },
        allowFailures,
      );
    });
}
