/** The report's whole stylesheet: inline, system fonts only, readable on screen and in print. */
export const REPORT_CSS = `
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --bg: #ffffff; --panel: #f5f7fa;
  --pass: #1f7a3f; --pass-bg: #e3f4e8; --fail: #b42318; --fail-bg: #fdecea; --accent: #1d4e89; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: var(--bg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 64px; }
h1 { font-size: 1.7rem; margin: 0 0 4px; line-height: 1.25; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.02rem; margin: 22px 0 8px; }
p { margin: 8px 0; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.86em; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 22px; color: var(--muted); margin: 6px 0 0; padding: 0; }
.meta div { display: flex; gap: 6px; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; overflow-wrap: anywhere; }
nav.toc { margin: 18px 0 0; font-size: 0.9rem; }
nav.toc ol { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; padding: 0; margin: 0; }
nav.toc a { color: var(--accent); text-decoration: none; }
.verdict { margin: 20px 0 0; padding: 14px 18px; border-radius: 8px; border: 1px solid; }
.verdict.pass { background: var(--pass-bg); border-color: var(--pass); }
.verdict.fail { background: var(--fail-bg); border-color: var(--fail); }
.verdict strong { font-size: 1.1rem; }
.verdict ul { margin: 6px 0 0; padding-left: 20px; }
.table-wrap { overflow-x: auto; margin: 8px 0 12px; }
table { border-collapse: collapse; font-size: 0.88rem; min-width: 40%; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 10px; text-align: left; vertical-align: top; }
thead th { background: var(--panel); font-weight: 600; white-space: nowrap; }
tbody th { font-weight: 500; overflow-wrap: anywhere; max-width: 320px; }
td { font-variant-numeric: tabular-nums; overflow-wrap: anywhere; max-width: 360px; }
.n { display: block; color: var(--muted); font-size: 0.78rem; }
.na, .empty, .note { color: var(--muted); }
.empty { font-style: italic; }
.delta.better { color: var(--pass); font-weight: 600; }
.delta.worse { color: var(--fail); font-weight: 600; }
.significant { font-weight: 700; }
.badge, .status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 0.76rem;
  font-weight: 700; letter-spacing: 0.02em; border: 1px solid transparent; white-space: nowrap; }
td code { white-space: nowrap; }
.badge.pass, .status.fixed { background: var(--pass-bg); color: var(--pass); border-color: var(--pass); }
.badge.fail, .status.reopened, .status.collapsed { background: var(--fail-bg); color: var(--fail); border-color: var(--fail); }
.outcome.degenerate { color: var(--fail); }
details.samples summary { cursor: pointer; color: var(--muted); font-size: 0.8rem; }
pre.sample { white-space: pre-wrap; font-size: 0.78rem; margin: 4px 0; max-width: 36em; }
.status.new { background: #fff4e0; color: #9a5b00; border-color: #d38b00; }
.status.open { background: #fdf0e6; color: #a33f00; border-color: #d86a1c; }
.status.unknown { background: var(--panel); color: var(--muted); border-color: var(--line); }
.gate-summary { list-style: none; padding: 0; margin: 6px 0; }
.gate-summary li { margin: 3px 0; }
figure { margin: 12px 0 20px; }
figcaption { color: var(--muted); font-size: 0.86rem; margin-top: 4px; max-width: 760px; }
figcaption.chart-heading { color: var(--ink); font-weight: 600; margin: 0 0 -4px; }
.v { font-weight: 600; }
table.metrics .n { white-space: nowrap; }
.figures { display: flex; flex-wrap: wrap; gap: 8px 28px; align-items: flex-start; }
svg.chart { max-width: 100%; height: auto; display: block; font-size: 12px; font-family: inherit; }
svg.chart text { fill: var(--ink); }
svg.chart .tick, svg.chart .legend-label, svg.chart .reference-label { fill: var(--muted); font-size: 11px; }
svg.chart .axis-label { font-size: 11px; }
svg.chart .grid { stroke: #e4e7eb; stroke-width: 1; }
svg.chart .baseline { stroke: #9aa5b1; stroke-width: 1; }
svg.chart .whisker { stroke: #3e4c59; stroke-width: 1.2; fill: none; }
svg.chart .series .whisker { stroke-opacity: 0.7; }
svg.chart .line { fill: none; stroke-width: 2.2; }
svg.chart .reference { stroke: #7b8794; stroke-dasharray: 3 3; }
svg.chart .cell { stroke: #ffffff; stroke-width: 1; }
svg.chart .frame { stroke: #9aa5b1; fill: none; }
svg.chart .axis-title { fill: var(--muted); font-size: 11px; }
svg.chart .tradeoff-line { fill: none; stroke: #1d4e89; stroke-width: 1.6; stroke-dasharray: 5 3; }
svg.chart .tradeoff-point .point { fill: #1d4e89; stroke: #ffffff; stroke-width: 1.5; }
svg.chart .tradeoff-point .point.last { fill: #d86a1c; }
svg.chart .tradeoff-point .whisker { stroke-opacity: 0.45; }
svg.chart .point-label { font-size: 11px; font-weight: 600; }
svg.chart .cell-label { font-size: 11px; font-weight: 600; }
.content-warning { background: #fff8e1; border-left: 4px solid #d38b00; padding: 10px 14px; border-radius: 4px; }
details.transcript { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; background: var(--panel); }
details.transcript summary { cursor: pointer; padding: 8px 12px; }
details.transcript .t-title { font-weight: 600; overflow-wrap: anywhere; }
details.transcript .t-meta { color: var(--muted); font-size: 0.84rem; overflow-wrap: anywhere; }
.message { padding: 6px 12px 10px; border-top: 1px solid var(--line); background: var(--bg); }
.message .role { font-size: 0.74rem; font-weight: 700; text-transform: uppercase; color: var(--muted); }
.message.assistant .role { color: var(--accent); }
.message pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 4px 0 0; }
footer { margin-top: 48px; color: var(--muted); font-size: 0.8rem; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  nav.toc { display: none; }
  h2 { break-after: avoid; }
  figure, table, .verdict, details { break-inside: avoid; }
  .table-wrap { overflow: visible; }
  .badge, .status, .verdict, .content-warning, svg.chart { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;
