import path from "node:path";
import type { Command } from "commander";
import { cycleSummary, listCycles, writeStoredCycleReport } from "../../cycle/index.js";
import type { CliContext } from "../context.js";
import { aliasesOf } from "./cycle.js";
import { formatCycleList, formatCycleShow } from "./format-cycle.js";

/** `cycle show`, `cycle report` and `cycle list`: reading what a cycle stored. */
export function registerCycleReadCommands(cycle: Command, ctx: CliContext): void {
  cycle
    .command("show <cycleId>")
    .description("a cycle's stages (done / to do), per-round models, runs, timings and gate verdict")
    .action(async (cycleId: string) => {
      const value = cycleSummary(await ctx.store(), cycleId, await aliasesOf(ctx));
      ctx.print(value, formatCycleShow);
    });

  cycle
    .command("report <cycleId>")
    .description("write the cycle's report (HTML, Markdown, JSON) from the store")
    .option("--out <dir>", "report folder (default: the cycle's folder/report)")
    .action(async (cycleId: string, opts: { out?: string }) => {
      const dir = opts.out ? path.resolve(ctx.io.cwd, opts.out) : undefined;
      const report = await writeStoredCycleReport(await ctx.env(), cycleId, await aliasesOf(ctx), dir);
      ctx.print(report, () => `report: ${report.html}`);
    });

  cycle
    .command("list")
    .description("cycles in the database, newest first")
    .action(async () => {
      const value = listCycles(await ctx.store());
      ctx.print(value, formatCycleList);
    });
}
