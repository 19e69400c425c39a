import path from "node:path";
import type { Command } from "commander";
import {
  type BenchRunConfig,
  buildRunReport,
  compareReports,
  createLlmUserSimulator,
  formatComparison,
  formatRunReport,
  type RunReport,
  runBench,
  suiteRegistry,
} from "../../bench/index.js";
import { BreakfixError } from "../../core/index.js";
import { datasetRegistry } from "../../datasets/index.js";
import { heldOutCapabilityFile } from "../../embedded/index.js";
import { createJudge, type JudgeSpec, parseJudgeSpec } from "../../judges/index.js";
import type { CliContext } from "../context.js";
import { judgeFlags, judgeModels } from "../judge-models.js";
import { positiveInt, wholeNumber } from "../option-parsers.js";
import { ALLOW_FAILURES_HELP, assertNoFailures } from "../partial-runs.js";
import { datasetLoadOptions } from "./dataset-options.js";

/** JSON without the per-sample outcome maps (they are for `compare`, and large). */
const withoutOutcomes = (r: RunReport) => ({ ...r, suites: r.suites.map(({ outcomes: _o, ...s }) => s) });

/** Item counts over every suite of a run, and the most common failure reason. */
function itemTotals(r: RunReport) {
  const items = { total: 0, done: 0, failed: 0, pending: 0 };
  const reasons = new Map<string, number>();
  for (const s of r.suites) {
    for (const k of ["total", "done", "failed", "pending"] as const) items[k] += s.items[k];
    for (const f of s.failures ?? []) reasons.set(f.reason, (reasons.get(f.reason) ?? 0) + f.count);
  }
  const reason = [...reasons.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return { items, reason };
}

const JUDGE_HELP =
  "judge for the suites whose role it fits (repeatable): refusal:learned | refusal:strmatch | harm:learned | " +
  "llm:<harm-severity|behavior|jbb|strongreject|refusal>:<model> | groundedness:lexical | llm:groundedness:<model> | " +
  "exact-match, or a composite of judges of one role: any(a,b) | majority(a,b,c) | unanimous(a,b) | cascade(a>b). " +
  "The learned judges are trained on English: for non-English MultiJail text use an llm: judge";

interface RunOptions {
  model?: string;
  judge: JudgeSpec[];
  limit?: number;
  seed?: number;
  runId?: string;
  concurrency: number;
  simulator?: string;
  turns?: number;
  capabilityFile?: string;
  customFile?: string;
  maxTokens: number;
  retryFailed?: boolean;
  allowFailures?: boolean;
  breakdowns: boolean;
}

export function registerBenchCommands(program: Command, ctx: CliContext): void {
  const bench = program
    .command("bench")
    .description("Benchmarks: run suites against a model, show and compare runs");

  bench
    .command("list")
    .description("the suites, their default judges and which judges are valid for each")
    .action(() => {
      const value = suiteRegistry.list().map((s) => ({
        id: s.id,
        description: s.description,
        role: s.role,
        defaultJudge: s.defaultJudge,
        judges: s.judgeNote,
      }));
      ctx.print(value, (v: typeof value) =>
        v
          .map(
            (s) =>
              `${s.id.padEnd(16)} ${s.description}\n${"".padEnd(16)} judge ${s.defaultJudge}; ${s.judges ?? ""}`,
          )
          .join("\n"),
      );
    });

  bench
    .command("run [suites...]")
    .description("run suites against a model; with an existing --run-id, resume it (finished items are kept)")
    .option(
      "-m, --model <id>",
      "model under test (provider:name or alias; default: models.default, else engine:base)",
    )
    .option("--judge <id>", JUDGE_HELP, judgeFlags, [])
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
    .action(async (suiteIds: string[], opts: RunOptions) => {
      const store = await ctx.store();
      const existing = opts.runId ? store.runs.get(opts.runId) : undefined;
      const prior = existing?.kind === "bench" ? (existing.config as unknown as BenchRunConfig) : undefined;
      const suites = suiteIds.length ? suiteIds : (prior?.suites ?? []);
      if (suites.length === 0) {
        throw new BreakfixError("USAGE", "no suite given", {
          fix: "name suites, e.g. `breakfix bench run xstest --model ...` (see `breakfix bench list`)",
        });
      }
      for (const id of suites) suiteRegistry.get(id);
      // Resuming without --judge keeps each suite's judge as the run recorded it.
      const judgeBySuite =
        opts.judge.length || !prior
          ? undefined
          : Object.fromEntries(
              Object.entries(prior.judges).map(([suite, j]) => [suite, parseJudgeSpec(j.id)]),
            );
      const judges = [...opts.judge, ...Object.values(judgeBySuite ?? {})];
      const target = await ctx.modelRef(opts.model ?? prior?.model);
      const model = await ctx.model(target);
      // LLM judges (composite members too) and the simulator name their model inside the id: resolve them
      // (and aliases) up front.
      const resolveModel = await judgeModels(ctx, judges);
      const simulatorId =
        opts.simulator ?? (prior?.simulator.startsWith("llm:") ? prior.simulator.slice(4) : undefined);
      const simulator = simulatorId ? createLlmUserSimulator(await ctx.model(simulatorId)) : undefined;
      const config = await ctx.config();
      const loadOptions = await datasetLoadOptions(ctx);
      const suiteOptions: Record<string, unknown> = { ...(prior?.options ?? {}) };
      if (opts.capabilityFile) suiteOptions["capabilityFile"] = path.resolve(ctx.io.cwd, opts.capabilityFile);
      else if (suites.includes("capability") && target.kind === "engine" && !suiteOptions["capabilityFile"]) {
        // Engine models are the built-in one and its fine-tunes: measure them on its held-out task set.
        const dir = path.resolve(ctx.io.cwd, config.models.cacheDir, "embedded-eval");
        suiteOptions["capabilityFile"] = heldOutCapabilityFile(dir);
      }
      if (opts.turns) suiteOptions["turns"] = opts.turns;
      if (opts.customFile) suiteOptions["customFile"] = path.resolve(ctx.io.cwd, opts.customFile);
      const result = await runBench({
        store,
        registry: suiteRegistry,
        runId: opts.runId,
        suites,
        model,
        judges: opts.judge,
        judgeBySuite,
        createJudge: (spec) => createJudge(spec, { resolveModel, taxonomy: config.taxonomy }),
        loadSamples: async (id) => (await datasetRegistry.get(id).load(loadOptions)).samples,
        simulator,
        limit: opts.limit ?? prior?.limit ?? undefined,
        seed: opts.seed ?? prior?.seed,
        concurrency: opts.concurrency,
        generate: prior?.generate ?? { temperature: 0, maxTokens: opts.maxTokens },
        suiteOptions,
        retryFailed: opts.retryFailed,
        progress: ctx.progress(),
        signal: ctx.io.signal,
      });
      const totals = itemTotals(result.report);
      ctx.print(
        { ...withoutOutcomes(result.report), items: totals.items },
        () =>
          `${result.resumed ? "resumed" : "started"} ${result.runId}\n${formatRunReport(result.report, { breakdowns: opts.breakdowns })}`,
      );
      if (result.status === "interrupted") {
        throw new BreakfixError(
          "ABORTED",
          `bench run ${result.runId} was interrupted; finished items are kept`,
          {
            fix: `resume it with \`breakfix bench run --run-id ${result.runId}\``,
          },
        );
      }
      assertNoFailures(
        {
          what: "bench run",
          runId: result.runId,
          failed: totals.items.failed,
          total: totals.items.total,
          unit: "items",
          reason: totals.reason,
          retry: `breakfix bench run --run-id ${result.runId} --retry-failed`,
        },
        opts.allowFailures,
      );
    });

  bench
    .command("show <run>")
    .description("a bench run's metrics with 95% intervals, n and breakdowns, recomputed from the store")
    .option("--no-breakdowns", "headline metrics only")
    .action(async (runId: string, opts: { breakdowns: boolean }) => {
      const report = buildRunReport(await ctx.store(), runId, suiteRegistry);
      ctx.print(withoutOutcomes(report), () => formatRunReport(report, opts));
    });

  bench
    .command("compare <runA> <runB>")
    .description("per-metric deltas between two bench runs, McNemar on the paired samples for rates")
    .action(async (a: string, b: string) => {
      const store = await ctx.store();
      const deltas = compareReports(
        buildRunReport(store, a, suiteRegistry),
        buildRunReport(store, b, suiteRegistry),
      );
      if (deltas.length === 0) {
        throw new BreakfixError("USAGE", `runs ${a} and ${b} share no suite metric`, {
          fix: "compare runs of the same suites (see `breakfix bench show <run>`)",
        });
      }
      ctx.print({ a, b, deltas }, () => formatComparison(a, b, deltas));
    });
}
