import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sampleReport } from "./fixtures/sample-report.js";
import { renderHtmlReport } from "./html-report.js";
import { parseCycleReportJson } from "./report-schema.js";
import { writeCycleReport } from "./write-cycle-report.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "breakfix-report-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("writeCycleReport", () => {
  it("writes HTML, Markdown and JSON into a new folder and leaves no temporary files", () => {
    const data = sampleReport();
    const out = path.join(dir, "nested", "report");
    const files = writeCycleReport(data, out);
    expect(files).toEqual({
      html: path.join(out, "report.html"),
      markdown: path.join(out, "report.md"),
      json: path.join(out, "report.json"),
    });
    expect(readdirSync(out).sort()).toEqual(["report.html", "report.json", "report.md"]);
    expect(readFileSync(files.html, "utf8")).toBe(renderHtmlReport(data));
    expect(readFileSync(files.markdown, "utf8")).toContain("# Break-fix cycle");
    expect(parseCycleReportJson(readFileSync(files.json, "utf8"), files.json)).toEqual(data);
  });

  it("replaces an existing report", () => {
    writeFileSync(path.join(dir, "report.html"), "old");
    writeCycleReport(sampleReport(1), dir);
    expect(readFileSync(path.join(dir, "report.html"), "utf8")).toContain("<!DOCTYPE html>");
  });
});
