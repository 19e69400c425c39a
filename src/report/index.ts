export { escapeHtml, html, raw, SafeHtml } from "./html.js";
export { replyOutcomesSection } from "./html-outcomes.js";
// The report's sections and charts, shown again by the web app's cycle dashboard.
export {
  attackSuccess as attackSuccessSection,
  capability as capabilitySection,
  defectRates as defectRatesSection,
  REPORT_CSP,
  renderHtmlReport,
  tradeoff as tradeoffSection,
} from "./html-report.js";
export { comparisonsTable, gatesTable, metricsTable } from "./html-tables.js";
export { renderMarkdownReport } from "./markdown-report.js";
export type * from "./report-data.js";
export { cycleReportSchema, parseCycleReportJson } from "./report-schema.js";
export { REPORT_CSS } from "./report-style.js";
export { type CycleReportFiles, writeCycleReport } from "./write-cycle-report.js";
