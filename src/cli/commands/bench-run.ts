import path from "node:path";
import type { Command } from "commander";
import {
  type BenchRequest,
  formatRunReport,
  reportItemTotals,
  runOrResumeBench,
  withoutOutcomes,
} from "../../bench/index.js";
import { heldOutCapabilityFile } from "../../embedded/index.js";
import type { CliContext } from "../context.js";
import { BENCH_JUDGE_HELP, judgeFlags } from "../judge-models.js";
import { positiveInt, wholeNumber } from "../option-parsers.js";
import { ALLOW_FAILURES_HELP, assertRunComplete } from "../partial-runs.js";

type RunOptions = Omit<BenchRequest, "suites" | "judges"> & {
  judge: BenchRequest["judges"];
  allowFailures?: boolean;
  breakdowns: boolean;
};

/** `bench run`: the options, one `runOrResumeBench`, the report. */
export function registerBenchRun(bench: Command, ctx: CliContext): void {
  bench
    .command("run [suites...]")
    .description("run suites against a model; with an existing --run-id, resume it (finished items are kept)")
    .option(
      "-m, --model <id>",
      "model under test (provider:name or alias; default: models.default, else engine:base)",
    )
    .option("--judge <id>", BENCH_JUDGE_HELP, judgeFlags, [])
    .option("--limit <n>", "at most N items per suite (a seeded choice)", positiveInt("--limit"))
    .option(
      "--seed <n>",
      "seed for the choice of items (--limit) and of the ask each jailbreak template wraps",
      wholeNumber("--seed"),
    )
    .option("--run-id <id>", "run id: resumes the run when it exists")
    .option(
      "--concurrency <n>",
      "items in flight (provider limits still apply)",
      positiveInt("--concurrency"),
      16,
    )
    .option(
      "--simulator <model>",
      "multiturn-harm: an LLM plays the user (default: the template-driven escalating user)",
    )
    .option(
      "--turns <n>",
      "multiturn-harm: assistant turns per conversation (default 3)",
      positiveInt("--turns"),
    )
    .option(
      "--capability-file <file>",
      "capability: JSONL of {prompt, expected} (default: a small built-in set)",
    )
    .option(
      "--custom-file <file>",
      "custom, custom-refusal, custom-exact: your prompts, JSONL or CSV (prompt or messages; optional id, goal, harm_area, category, expected, label harmful|benign)",
    )
    .option("--max-tokens <n>", "reply token limit", positiveInt("--max-tokens"), 512)
    .option("--retry-failed", "when resuming, also redo the items whose model or simulator call failed")
    .option("--allow-failures", ALLOW_FAILURES_HELP)
    .option("--no-breakdowns", "print headline metrics only")
    .action(async (suites: string[], opts: RunOptions) => {
      const { judge: judges, allowFailures, breakdowns, ...rest } = opts;
      const config = await ctx.config();
      // Engine models are the built-in one and its fine-tunes: measure them on its held-out task set.
      const evalDir = path.resolve(ctx.io.cwd, config.models.cacheDir, "embedded-eval");
      const result = await runOrResumeBench(await ctx.env(), {
        ...rest,
        suites,
        judges,
        defaultCapabilityFile: (model) =>
          model.kind === "engine" ? heldOutCapabilityFile(evalDir) : undefined,
      });
      const { runId, status } = result;
      const { items, reason } = reportItemTotals(result.report);
      const failures = { failed: items.failed, total: items.total, unit: "items", reason };
      ctx.print(
        { ...withoutOutcomes(result.report), items },
        () =>
          `${result.resumed ? "resumed" : "started"} ${result.runId}\n${formatRunReport(result.report, { breakdowns })}`,
      );
      assertRunComplete(
        { what: "bench run", command: "breakfix bench run", runId, status, ...failures },
        allowFailures,
      );
    });
}
