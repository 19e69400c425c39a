import path from "node:path";
import type { Command } from "commander";
import { demoConfig, runCycle } from "../../cycle/index.js";
import type { CliContext } from "../context.js";
import { wholeNumber } from "../option-parsers.js";
import { cycleEnvOf } from "./cli-cycle-env.js";
import { finishCycle } from "./cycle.js";

export const DEFAULT_DEMO_DIR = path.join(".breakfix", "demo");

export function registerDemoCommands(program: Command, ctx: CliContext): void {
  program
    .command("demo")
    .description(
      "the break-fix cycle offline on the built-in model: baseline + 2 rounds of fix data, SFT, DPO, bench, red-team; writes the report",
    )
    .option(
      "--out <dir>",
      `folder for the cycle's checkpoints, data and report (default ${DEFAULT_DEMO_DIR})`,
    )
    .option("--seed <n>", "cycle seed", wholeNumber("--seed"))
    .action(async (opts: { out?: string; seed?: number }) => {
      const config = demoConfig({ seed: opts.seed });
      const env = await cycleEnvOf(ctx, config);
      const outcome = await runCycle(env, { config, outRoot: opts.out ?? DEFAULT_DEMO_DIR });
      // The demo shows what happened, pass or fail: its exit code is 0 once the report is written.
      await finishCycle(ctx, outcome);
    });
}
