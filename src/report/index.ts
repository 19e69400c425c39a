export { escapeHtml, html, raw, SafeHtml } from "./html.js";
export { REPORT_CSP, renderHtmlReport } from "./html-report.js";
export { renderMarkdownReport } from "./markdown-report.js";
export type * from "./report-data.js";
export { cycleReportSchema, parseCycleReportJson } from "./report-schema.js";
export { type CycleReportFiles, writeCycleReport } from "./write-cycle-report.js";
