import path from "node:path";
import type { Command } from "commander";
import { BreakfixError } from "../../core/index.js";
import {
  type CycleOutcome,
  loadCycleConfig,
  preflightCycle,
  resumeCycle,
  runCycle,
  storedCycle,
  writeStoredCycleReport,
} from "../../cycle/index.js";
import type { CliContext } from "../context.js";
import { positiveInt, wholeNumber } from "../option-parsers.js";
import { cycleEnvOf } from "./cli-cycle-env.js";
import { registerCycleReadCommands } from "./cycle-read.js";
import { formatOutcome } from "./format-cycle.js";

export const DEFAULT_CYCLES_DIR = path.join(".breakfix", "cycles");

interface RunFlags {
  rounds?: number;
  seed?: number;
  model?: string;
  out?: string;
  probe: boolean;
}

/** The aliases of breakfix.yaml: a stored cycle's model ids are read with them, as when it ran. */
export const aliasesOf = async (ctx: CliContext) => (await ctx.config()).models.aliases;

/** Writes the finished cycle's report and prints the outcome, ending with the report's path. */
export async function finishCycle(ctx: CliContext, outcome: CycleOutcome): Promise<void> {
  const report = await writeStoredCycleReport(await ctx.env(), outcome.cycleId, await aliasesOf(ctx));
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
        aliases: await aliasesOf(ctx),
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
      const aliases = await aliasesOf(ctx);
      const { config } = storedCycle(await ctx.store(), cycleId, aliases);
      const env = await cycleEnvOf(ctx, config);
      try {
        const outcome = await resumeCycle(env, cycleId, aliases);
        await finishCycle(ctx, outcome);
        gateExit(outcome);
      } finally {
        await env.close?.();
      }
    });

  registerCycleReadCommands(cycle, ctx);
}
