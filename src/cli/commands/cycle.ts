import path from "node:path";
import type { Command } from "commander";
import { BreakfixError } from "../../core/index.js";
import {
  buildCycleState,
  type CycleConfig,
  type CycleOutcome,
  cycleRunConfig,
  finishedStages,
  lastVerdict,
  loadCycleConfig,
  plannedStages,
  preflightCycle,
  resumeCycle,
  runCycle,
  writeCycleReportFiles,
} from "../../cycle/index.js";
import type { CycleReportFiles, JudgeCalibrationRow } from "../../report/index.js";
import { measureJudgeCalibration } from "../../stats/index.js";
import type { CliContext } from "../context.js";
import { positiveInt, wholeNumber } from "../option-parsers.js";
import { cycleEnvOf } from "./cycle-env.js";
import { datasetLoadOptions } from "./dataset-options.js";
import { formatCycleList, formatCycleShow, formatOutcome } from "./format-cycle.js";

export const DEFAULT_CYCLES_DIR = path.join(".breakfix", "cycles");

interface RunFlags {
  rounds?: number;
  seed?: number;
  model?: string;
  out?: string;
  probe: boolean;
}

/**
 * The judges' agreement with human labels, when the labelled sets are at hand (`../shared/datasets`); a
 * fresh clone has none, and the report then says calibration was not measured rather than failing.
 */
async function judgeCalibration(
  ctx: CliContext,
  config: CycleConfig,
): Promise<JudgeCalibrationRow[] | undefined> {
  try {
    // Kept in the store per judge version and fold as each finishes, so writing the report again measures
    // nothing twice and a kill mid-way keeps the finished folds. Progress on stderr (none with -q/--json).
    return await measureJudgeCalibration(
      ["refusal:learned", config.redteam.judge.id],
      await datasetLoadOptions(ctx),
      { store: await ctx.store(), progress: ctx.progress() },
    );
  } catch (e) {
    if (e instanceof BreakfixError && (e.code === "NOT_FOUND" || e.code === "DATA_INVALID")) return undefined;
    throw e;
  }
}

/** A stored cycle's configuration, its model ids read with breakfix.yaml's aliases as when it ran. */
async function storedCycle(ctx: CliContext, cycleId: string) {
  const store = await ctx.store();
  const run = cycleRunConfig(store, cycleId, (await ctx.config()).models.aliases);
  return { store, ...run, records: finishedStages(store, cycleId, run.config.model) };
}

/** Writes a cycle's report into `dir` (default: the cycle folder's report/). */
async function writeReport(ctx: CliContext, cycleId: string, dir?: string): Promise<CycleReportFiles> {
  const { store, config, outDir, records } = await storedCycle(ctx, cycleId);
  const state = buildCycleState(cycleId, config, records);
  const calibration = await judgeCalibration(ctx, config);
  return writeCycleReportFiles(store, state, config, dir ?? path.join(outDir, "report"), {
    ...(calibration ? { judgeCalibration: calibration } : {}),
  });
}

/** Writes the finished cycle's report and prints the outcome, ending with the report's path. */
export async function finishCycle(ctx: CliContext, outcome: CycleOutcome): Promise<void> {
  const report = await writeReport(ctx, outcome.cycleId);
  ctx.print({ ...outcome, report }, () => formatOutcome(outcome, report.html));
}

function gateExit(outcome: CycleOutcome): void {
  if (outcome.verdict && !outcome.verdict.pass) {
    throw new BreakfixError(
      "GATE_FAILED",
      `round ${outcome.verdict.round} failed its release gates: ${outcome.verdict.failed.join("; ")}`,
      { fix: "see the report's gates table; adjust the fix data or training, or the gates, and run again" },
    );
  }
}

export function registerCycleCommands(program: Command, ctx: CliContext): void {
  const cycle = program
    .command("cycle")
    .description(
      "the break-fix loop: curate → SFT → DPO → bench → red-team → vulnerabilities, N rounds, gated",
    );

  cycle
    // The cycle config is positional: the global -c/--config stays the breakfix.yaml of providers and paths.
    .command("run [cycleConfig]")
    .description(
      "run a cycle from a cycle config (YAML/JSON) and/or flags; exit 0 = the last round passed its gates, 1 = it failed, 2 = bad input",
    )
    .option("--rounds <n>", "rounds after the baseline", positiveInt("--rounds"))
    .option("--seed <n>", "cycle seed (every random choice derives from it)", wholeNumber("--seed"))
    .option("-m, --model <id>", "starting model (default engine:base)")
    .option(
      "--no-probe",
      "skip the pre-flight request to each API model (models, judges and datasets are still checked)",
    )
    .option(
      "--out <dir>",
      `folder for the cycle's checkpoints, data and report (default ${DEFAULT_CYCLES_DIR})`,
    )
    .action(async (file: string | undefined, flags: RunFlags) => {
      const config = loadCycleConfig({
        file,
        cwd: ctx.io.cwd,
        flags: { rounds: flags.rounds, seed: flags.seed, model: flags.model },
        aliases: (await ctx.config()).models.aliases,
      });
      const env = await cycleEnvOf(ctx, config);
      try {
        // Before any stage: a bad model, judge or dataset is one line (exit 2), with no failed cycle left.
        await preflightCycle(env, config, { probe: flags.probe });
        const outcome = await runCycle(env, { config, outRoot: flags.out ?? DEFAULT_CYCLES_DIR });
        await finishCycle(ctx, outcome);
        gateExit(outcome);
      } finally {
        await env.close?.();
      }
    });

  cycle
    .command("resume <cycleId>")
    .description("continue an interrupted cycle at the stage where it stopped (finished work is kept)")
    .action(async (cycleId: string) => {
      const { config } = await storedCycle(ctx, cycleId);
      const env = await cycleEnvOf(ctx, config);
      try {
        const outcome = await resumeCycle(env, cycleId, (await ctx.config()).models.aliases);
        await finishCycle(ctx, outcome);
        gateExit(outcome);
      } finally {
        await env.close?.();
      }
    });

  cycle
    .command("show <cycleId>")
    .description("a cycle's stages (done / to do), per-round models, runs, timings and gate verdict")
    .action(async (cycleId: string) => {
      const { store, config, outDir, records } = await storedCycle(ctx, cycleId);
      const run = store.runs.require(cycleId);
      const done = new Set(records.map((r) => `${r.round}/${r.stage}`));
      const value = {
        cycleId,
        status: run.status,
        outDir,
        stages: plannedStages(config.rounds).map((s) => ({ ...s, done: done.has(`${s.round}/${s.stage}`) })),
        state: buildCycleState(cycleId, config, records),
        verdict: lastVerdict(records) ?? null,
      };
      ctx.print(value, formatCycleShow);
    });

  cycle
    .command("report <cycleId>")
    .description("write the cycle's report (HTML, Markdown, JSON) from the store")
    .option("--out <dir>", "report folder (default: the cycle's folder/report)")
    .action(async (cycleId: string, opts: { out?: string }) => {
      const report = await writeReport(
        ctx,
        cycleId,
        opts.out ? path.resolve(ctx.io.cwd, opts.out) : undefined,
      );
      ctx.print(report, () => `report: ${report.html}`);
    });

  cycle
    .command("list")
    .description("cycles in the database, newest first")
    .action(async () => {
      const store = await ctx.store();
      const value = store.runs.list({ kind: "cycle" }).map((r) => ({
        id: r.id,
        name: r.name,
        status: r.status,
        createdAt: r.createdAt,
        verdict: (r.summary?.["verdict"] as CycleOutcome["verdict"]) ?? null,
      }));
      ctx.print(value, formatCycleList);
    });
}
