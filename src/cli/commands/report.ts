import { readFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { BreakfixError } from "../../core/index.js";
import { type CycleReportFiles, parseCycleReportJson, writeCycleReport } from "../../report/index.js";
import type { CliContext } from "../context.js";

export function registerReportCommands(program: Command, ctx: CliContext): void {
  const report = program
    .command("report")
    .description("cycle reports: one self-contained HTML page plus Markdown and JSON");

  report
    .command("render <report.json>")
    .description("re-render report.html and report.md from a cycle report's JSON (no database needed)")
    .option(
      "--out <dir>",
      "where to write report.html, report.md and report.json (default: the JSON's folder)",
    )
    .addHelpText(
      "after",
      "\n`breakfix cycle report <cycleId>` writes a report from the database; this re-renders one from its JSON,\ne.g. after an upgrade of breakfix or on a machine without the database.",
    )
    .action(async (file: string, options: { out?: string }) => {
      const source = path.resolve(ctx.io.cwd, file);
      const data = parseCycleReportJson(readReport(source, file), file);
      const outDir = options.out === undefined ? path.dirname(source) : path.resolve(ctx.io.cwd, options.out);
      ctx.print(writeCycleReport(data, outDir), formatFiles);
    });
}

function readReport(source: string, file: string): string {
  try {
    return readFileSync(source, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BreakfixError(
      code === "ENOENT" ? "NOT_FOUND" : "DATA_INVALID",
      code === "ENOENT" ? "no such file" : `cannot read it (${code ?? String(err)})`,
      {
        fix: "pass the report.json that `breakfix cycle report <cycleId>` wrote",
        location: { file },
        cause: err,
      },
    );
  }
}

function formatFiles(files: CycleReportFiles): string {
  return `report written\n  html      ${files.html}\n  markdown  ${files.markdown}\n  json      ${files.json}`;
}
