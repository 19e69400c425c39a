import { Command, Option } from "commander";
import { registerBenchCommands } from "./commands/bench.js";
import { registerConfigCommands } from "./commands/config.js";
import { registerCycleCommands } from "./commands/cycle.js";
import { registerDataCommands } from "./commands/data.js";
import { registerDbCommands } from "./commands/db.js";
import { registerDemoCommands } from "./commands/demo.js";
import { registerJudgeCommands } from "./commands/judge.js";
import { registerListCommands } from "./commands/list.js";
import { registerModelCommands } from "./commands/model.js";
import { registerModelsCommands } from "./commands/models.js";
import { registerRedteamCommands } from "./commands/redteam.js";
import { registerReportCommands } from "./commands/report.js";
import { registerServeCommands } from "./commands/serve.js";
import { registerTaxonomyCommands } from "./commands/taxonomy.js";
import { registerTrainCommands } from "./commands/train.js";
import { registerUiCommands } from "./commands/ui.js";
import { registerVulnsCommands } from "./commands/vulns.js";
import type { CliContext, GlobalOptions } from "./context.js";
import { collect } from "./option-parsers.js";

export const VERSION = "0.1.0";

/** Builds the commander program. Commands are registered per noun: `breakfix <noun> <verb>`. */
export function buildProgram(
  ctx: CliContext,
  onOutput: { out(s: string): void; err(s: string): void },
): Command {
  // Usage errors are one line, like every other error: `breakfix: error: ... (see --help)`.
  const output = {
    writeOut: onOutput.out,
    writeErr: onOutput.err,
    outputError: (text: string, write: (s: string) => void) =>
      write(
        // Every write is escaped by the CLI's terminal path (terminal-io.ts); only the line is joined here.
        `breakfix: ${text.trim().replace(/\s*\n\s*/g, " ")} (see \`breakfix --help\`)\n`,
      ),
  };
  const program = new Command("breakfix")
    .description(
      "Break-fix safety alignment for language models: curate, post-train, benchmark, red-team, find what broke, and prove each fix.",
    )
    .version(VERSION, "-V, --version")
    .option("-c, --config <file>", "config file (default: ./breakfix.yaml when present)")
    .option("--db <file>", "SQLite database (default: $BREAKFIX_DB or .breakfix/breakfix.db)")
    .addOption(
      new Option("--set <key=value>", "override a config value, e.g. --set providers.openai.concurrency=4")
        .argParser(collect)
        .default([]),
    )
    .option("--json", "machine-readable JSON on stdout", false)
    .option("-q, --quiet", "no progress output", false)
    .configureOutput(output)
    .exitOverride();

  registerBenchCommands(program, ctx);
  registerConfigCommands(program, ctx);
  registerCycleCommands(program, ctx);
  registerDataCommands(program, ctx);
  registerDbCommands(program, ctx);
  registerDemoCommands(program, ctx);
  registerJudgeCommands(program, ctx);
  registerListCommands(program, ctx);
  registerModelCommands(program, ctx);
  registerModelsCommands(program, ctx);
  registerRedteamCommands(program, ctx);
  registerReportCommands(program, ctx);
  registerServeCommands(program, ctx);
  registerUiCommands(program, ctx);
  registerTaxonomyCommands(program, ctx);
  registerTrainCommands(program, ctx);
  registerVulnsCommands(program, ctx);

  // Subcommands inherit exitOverride/output settings so errors come back to runCli.
  for (const cmd of program.commands) {
    cmd.exitOverride().configureOutput(output);
    for (const sub of cmd.commands) sub.exitOverride().configureOutput(output);
  }
  return program;
}

export function globalOptionsOf(program: Command): GlobalOptions {
  const o = program.opts<GlobalOptions>();
  return { config: o.config, db: o.db, set: o.set ?? [], json: Boolean(o.json), quiet: Boolean(o.quiet) };
}
