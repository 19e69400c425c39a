import type { CycleOutcome, CycleState, StageName } from "../../cycle/index.js";

type Verdict = CycleOutcome["verdict"] | null;

const verdictLine = (v: Verdict): string =>
  v ? `round ${v.round} gates: ${v.pass ? "PASS" : `FAIL (${v.failed.join("; ")})`}` : "gates: not reached";

/** One line per bench run, naming the suites it ran. */
function benchLines(benchRuns: Record<string, string>): string[] {
  const byRun = new Map<string, string[]>();
  for (const [suite, run] of Object.entries(benchRuns)) byRun.set(run, [...(byRun.get(run) ?? []), suite]);
  return [...byRun].map(([run, suites]) => `  bench ${run}: ${suites.join(", ")}`);
}

function roundLines(state: CycleState): string[] {
  return state.rounds.flatMap((r) => {
    const timings = Object.entries(r.timings)
      .map(([stage, s]) => `${stage} ${s.toFixed(1)}s`)
      .join(", ");
    return [
      `round ${r.round}: ${r.model?.written ?? "(not trained yet)"}`,
      ...(r.dataset
        ? [`  fix data ${r.dataset.name}@${r.dataset.version}: ${r.dataset.sft} SFT, ${r.dataset.dpo} DPO`]
        : []),
      ...(r.training ?? []).map((t) => `  ${t.method} ${t.checkpointDir} (run ${t.runId})`),
      ...benchLines(r.benchRuns),
      ...Object.entries(r.campaignRuns).map(([family, run]) => `  red-team ${family}: ${run}`),
      ...(timings ? [`  time: ${timings}`] : []),
    ];
  });
}

export function formatOutcome(o: CycleOutcome, reportHtml: string): string {
  return [
    `${o.resumed ? "resumed" : "finished"} cycle ${o.cycleId} (${o.outDir})`,
    ...roundLines(o.state),
    verdictLine(o.verdict),
    `report: ${reportHtml}`,
  ].join("\n");
}

export function formatCycleShow(v: {
  cycleId: string;
  status: string;
  outDir: string;
  stages: Array<{ round: number; stage: StageName; done: boolean }>;
  state: CycleState;
  verdict: Verdict;
}): string {
  const done = v.stages.filter((s) => s.done).length;
  const next = v.stages.find((s) => !s.done);
  return [
    `cycle ${v.cycleId}: ${v.status}, ${done}/${v.stages.length} stages done${next ? `, next: round ${next.round} ${next.stage}` : ""}`,
    `folder: ${v.outDir}`,
    ...roundLines(v.state),
    verdictLine(v.verdict),
  ].join("\n");
}

export function formatCycleList(
  rows: Array<{ id: string; name: string; status: string; createdAt: string; verdict: Verdict }>,
): string {
  if (rows.length === 0) return "no cycles yet (start one with `breakfix cycle run` or `breakfix demo`)";
  return rows
    .map(
      (r) =>
        `${r.id}  ${r.status.padEnd(11)} ${r.createdAt}  ${r.name}  ${r.verdict ? (r.verdict.pass ? "PASS" : "FAIL") : "-"}`,
    )
    .join("\n");
}
