import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { renderHtmlReport } from "./html-report.js";
import { renderMarkdownReport } from "./markdown-report.js";
import type { CycleReportData } from "./report-data.js";

/** Paths of the three files of a cycle report. */
export interface CycleReportFiles {
  html: string;
  markdown: string;
  json: string;
}

/**
 * Writes `report.html`, `report.md` and `report.json` into `outDir` (created if missing). Each file is
 * written to a temporary name and renamed, so a reader never sees half a report.
 */
export function writeCycleReport(data: CycleReportData, outDir: string): CycleReportFiles {
  mkdirSync(outDir, { recursive: true });
  const files: CycleReportFiles = {
    html: path.join(outDir, "report.html"),
    markdown: path.join(outDir, "report.md"),
    json: path.join(outDir, "report.json"),
  };
  writeAtomic(files.json, `${JSON.stringify(data, null, 2)}\n`);
  writeAtomic(files.markdown, renderMarkdownReport(data));
  writeAtomic(files.html, renderHtmlReport(data));
  return files;
}

function writeAtomic(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}
