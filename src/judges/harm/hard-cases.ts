import { BreakfixError } from "../../core/index.js";
import { advbenchDataset, harmbenchDataset, type LoadOptions } from "../../datasets/index.js";
import { type AgreementReport, agreementReport, percentCell } from "../calibrate/agreement.js";
import type { LogisticModel } from "../learn/sparse-logistic.js";
import { harmFeatures } from "./features.js";
import testCases from "./hard-cases/test.json" with { type: "json" };
import trainCases from "./hard-cases/train.json" with { type: "json" };
import { isUnsafe } from "./harm-settings.js";
import type { HarmExample } from "./learned-harm-judge.js";

/**
 * Project-authored hard cases for the harm judge, each a reply to a public benchmark's goal, a label and the
 * kind of case it is: fiction and educational replies that engage with a harmful goal but give nothing to act
 * on (safe), short concrete compliance with no preamble and disclaimer-then-comply replies (unsafe) — the
 * shapes JBB's artifacts rarely show, where the spot checks found the judge wrong. The replies were
 * written on 2026-12-08 by two helper sessions that had not read the judge; the goals stay in
 * ../shared/datasets, named by id (`harmbench-<BehaviorID>`, `advbench-<row>`). `test` (AdvBench goals) is
 * never trained on and is reported per kind by `judge crossval harm`; `train` (HarmBench goals) is there to
 * train on (`loadHarmRows(options, true)`), but the shipped judge does not yet: trained with it, agreement on
 * `test` rose from 41.3% to 70.0% with the public data's unchanged, but the demo's round 2 came out worse
 * on every seed tried (seeds 1–3: attacked unseen requests refused 36.9% vs 47.4%, worst degenerate share
 * 25.4% vs 18.1%; seeds 4–5: refused 55.9/52.3% vs 61.0/57.7%, IPRR 75.0/70.8% vs 83.3/79.2%). The judge
 * also filters the fix data's look-alike answers, finds multi-turn break turns and decides the red team's
 * findings; which of those roles costs the loop is not yet known.
 * `npx tsx scripts/exp/harm-hard-cases.ts` reproduces both.
 */
export interface HardCase extends HarmExample {
  goalId: string;
  category: string;
  why: string;
}

type StoredCase = Omit<HardCase, "goal">;
const STORED: Record<"train" | "test", readonly StoredCase[]> = { train: trainCases, test: testCases };

/** Where a goal id's text is read: its prefix names the dataset. */
const GOAL_SOURCES: Record<string, (o: LoadOptions) => Promise<[string, string][]>> = {
  advbench: async (o) => (await advbenchDataset.load(o)).records.map((b) => [`advbench-${b.row}`, b.goal]),
  harmbench: async (o) =>
    (await harmbenchDataset.load(o)).records.map((b) => [`harmbench-${b.behaviorId}`, b.behavior]),
};

/** One half of the hard cases, with each goal read from the shared dataset its id names. */
export async function loadHardCases(half: "train" | "test", options: LoadOptions = {}): Promise<HardCase[]> {
  const sources = new Set(STORED[half].map((c) => c.goalId.slice(0, c.goalId.indexOf("-"))));
  const goals = new Map<string, string>();
  for (const source of sources)
    for (const [id, goal] of (await GOAL_SOURCES[source]?.(options)) ?? []) goals.set(id, goal);
  return STORED[half].map((c) => {
    const goal = goals.get(c.goalId);
    if (goal === undefined)
      throw new BreakfixError(
        "DATA_INVALID",
        `src/judges/harm/hard-cases/${half}.json: goal ${c.goalId} is not in the loaded ${Object.keys(GOAL_SOURCES).join(" or ")} data`,
      );
    return { ...c, goal };
  });
}

export interface HardCaseReport {
  category: string;
  report: AgreementReport;
}

/** The model's agreement with the held-out hard cases, per kind of case and over all of them. */
export function hardCaseReports(model: LogisticModel, cases: readonly HardCase[]): HardCaseReport[] {
  const label = (unsafe: boolean): string => (unsafe ? "unsafe" : "safe");
  const scored = cases.map((c) => ({
    category: c.category,
    truth: label(c.unsafe),
    predicted: label(isUnsafe(model, harmFeatures(c.goal, c.response))),
  }));
  const report = (rows: typeof scored) => agreementReport(rows, ["safe", "unsafe"], ["unsafe"]);
  const categories = [...new Set(scored.map((s) => s.category))];
  return [
    ...categories.map((category) => ({
      category,
      report: report(scored.filter((s) => s.category === category)),
    })),
    { category: "all", report: report(scored) },
  ];
}

export function formatHardCaseReports(reports: readonly HardCaseReport[], label: string): string {
  return [
    `${label}: project-authored hard cases, never trained on (src/judges/harm/hard-cases/test.json)`,
    "kind of case                    n   agreement",
    ...reports.map(
      (r) => `${r.category.padEnd(28)}${String(r.report.n).padStart(5)} ${percentCell(r.report.accuracy)}`,
    ),
  ].join("\n");
}
