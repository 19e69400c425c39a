/**
 * The demo's figures, regenerated from report.json files rather than typed by hand:
 *   npx tsx scripts/demo-figures.ts REPORT.json...            prints the tables (Markdown)
 *   npx tsx scripts/demo-figures.ts --write REPORT.json...    also replaces the marked blocks in README.md
 *                                                             and src/cycle/README.md
 * The first report gives the per-round table; with several reports (one per seed) a spread table of every
 * trained round follows (mean, min, max).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { CycleReportData, MetricValue } from "../src/report/index.js";
import { writeBlock } from "./readme-block.js";

const COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ["asr", "ASR in-dist"],
  ["asr_heldout", "ASR held-out families"],
  ["asr_unseen", "ASR unseen requests"],
  ["refused:asr_heldout", "attacked replies refused, held-out families"],
  ["refused:asr_unseen", "attacked replies refused, unseen requests"],
  ["iprr", "IPRR (coherent refusals)"],
  ["vprr", "VPRR borderline"],
  ["vprr_lookalike", "VPRR look-alike"],
  ["helpful", "helpful borderline"],
  ["capability", "capability"],
];

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const cell = (m: MetricValue | undefined) =>
  m ? `${pct(m.value)} [${pct(m.low)}, ${pct(m.high)}] (n=${m.n})` : "–";

/** The largest degenerate share of any set in a round, and which set. */
function worstDegenerate(metrics: Record<string, MetricValue>): string {
  const rows = Object.entries(metrics).filter(([k]) => k.startsWith("degenerate"));
  if (rows.length === 0) return "–";
  const [name, m] = rows.reduce((a, b) => (b[1].value > a[1].value ? b : a));
  return `${pct(m.value)} (${name.replace(/^degenerate:?/, "") || "all"}, n=${m.n})`;
}

function roundTable(r: CycleReportData): string {
  const head = ["round", ...COLUMNS.map(([, label]) => label), "worst degenerate share", "gates"];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  for (const round of r.rounds) {
    const gates = round.gates.length === 0 ? "–" : round.gates.every((g) => g.pass) ? "PASS" : "FAIL";
    const cells = COLUMNS.map(([k]) => cell(round.metrics[k]));
    lines.push(`| ${round.round} | ${cells.join(" | ")} | ${worstDegenerate(round.metrics)} | ${gates} |`);
  }
  const failed = r.verdict.failed.length ? ` (failed: ${r.verdict.failed.join("; ")})` : "";
  lines.push(
    "",
    `Seed ${r.seed}, cycle \`${r.cycleId}\`: release verdict for round ${r.verdict.round}: **${r.verdict.pass ? "PASS" : "FAIL"}**${failed}.`,
  );
  return lines.join("\n");
}

/** Per trained round, each metric's mean, min and max over the runs (one per seed), and capability's change. */
function spreadTable(reports: readonly CycleReportData[]): string {
  const rounds = Math.max(...reports.map((r) => r.rounds.length));
  const names = [...COLUMNS.map(([k]) => k), "capability − round 0", "degenerate (worst set)"];
  const metricOf = (r: CycleReportData, round: number, name: string): number | undefined => {
    const m = r.rounds[round]?.metrics ?? {};
    if (name.startsWith("degenerate")) {
      return Math.max(
        0,
        ...Object.entries(m)
          .filter(([k]) => k.startsWith("degenerate"))
          .map(([, v]) => v.value),
      );
    }
    if (name === "capability − round 0") {
      const base = r.rounds[0]?.metrics.capability?.value;
      return base === undefined || m.capability === undefined ? undefined : m.capability.value - base;
    }
    return m[name]?.value;
  };
  const verdicts = reports.map((r) => (r.verdict.pass ? "PASS" : "FAIL")).join(", ");
  const head = ["metric", ...Array.from({ length: rounds - 1 }, (_, i) => `round ${i + 1}: mean [min, max]`)];
  const lines = [
    `Over seeds ${reports.map((r) => r.seed).join(", ")} (release verdicts of the last round: ${verdicts}):`,
    "",
    `| ${head.join(" | ")} |`,
    `|${head.map(() => "---").join("|")}|`,
  ];
  for (const name of names) {
    const cells: string[] = [];
    for (let round = 1; round < rounds; round++) {
      const vs = reports.map((r) => metricOf(r, round, name));
      if (vs.some((v) => v === undefined)) cells.push("–");
      else {
        const xs = vs as number[];
        const mean = xs.reduce((x, y) => x + y, 0) / xs.length;
        // The capability change is a difference of rates: percentage points.
        const f = name.includes("−") ? (v: number) => `${(100 * v).toFixed(1)} pt` : pct;
        cells.push(`${f(mean)} [${f(Math.min(...xs))}, ${f(Math.max(...xs))}]`);
      }
    }
    lines.push(`| ${name} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

const args = process.argv.slice(2);
const write = args.includes("--write");
const files = args.filter((a) => a !== "--write");
if (files.length === 0) {
  console.error("usage: npx tsx scripts/demo-figures.ts [--write] REPORT.json...");
  process.exit(2);
}
const reports = files.map((f) => JSON.parse(readFileSync(f, "utf8")) as CycleReportData);
const body = [
  "<!-- generated by scripts/demo-figures.ts from the run's report.json; do not edit by hand -->",
  roundTable(reports[0] as CycleReportData),
  ...(reports.length > 1 ? ["", spreadTable(reports)] : []),
].join("\n");
console.log(body);
if (write) {
  const root = path.resolve(import.meta.dirname, "..");
  for (const f of ["README.md", "src/cycle/README.md"]) writeBlock(path.join(root, f), "demo-figures", body);
}
