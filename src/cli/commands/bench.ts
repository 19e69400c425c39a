import type { Command } from "commander";
import {
  buildRunReport,
  compareReports,
  formatComparison,
  formatRunReport,
  suiteRegistry,
  withoutOutcomes,
} from "../../bench/index.js";
import { BreakfixError } from "../../core/index.js";
import type { CliContext } from "../context.js";
import { registerBenchRun } from "./bench-run.js";

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

  registerBenchRun(bench, ctx);

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
