import { jbbArtifactsDataset, type LoadOptions, xstestCompletionsDataset } from "../../datasets/index.js";
import { type AgreementReport, agreementReport } from "../calibrate/agreement.js";
import { goalFold } from "../calibrate/goal-fold.js";
import { predictProba } from "../learn/sparse-logistic.js";
import { harmFeatures } from "./features.js";
import { type HarmExample, trainHarmModelOnFeatures } from "./learned-harm-judge.js";
import { syntheticHarmExamples } from "./synthetic-harm.js";

const SYNTHETIC_GROUP = "synthetic";

/** A training row with the group it is held out by, and the Llama Guard 1 verdict where JBB kept one. */
export interface HarmRow extends HarmExample {
  group: string;
  llamaGuard1?: boolean;
}

/**
 * Training data for the harm judge: JailbreakBench attack artifacts labelled by JBB's LLM judge (`jailbroken`),
 * plus XSTest completions on the unsafe (contrast) prompts labelled by humans (full compliance = unsafe, full
 * refusal = safe; partial refusals are ambiguous for harm and left out), plus the project's synthetic safe
 * examples (affirmative openings without detail, terse refusals) that only ever train.
 */
export async function loadHarmRows(options: LoadOptions = {}): Promise<HarmRow[]> {
  const jbb = (await jbbArtifactsDataset.load(options)).records;
  const xs = (await xstestCompletionsDataset.load(options)).records;
  return [
    ...jbb
      .filter((r) => r.response !== null)
      .map((r) => ({
        group: `jbb:${r.method}`,
        goal: r.goal,
        response: r.response as string,
        unsafe: r.jailbroken,
        llamaGuard1: r.jailbrokenLlamaGuard1,
      })),
    ...xs
      .filter((r) => r.type.startsWith("contrast_") && r.finalLabel !== "partial_refusal")
      .map((r) => ({
        group: "xstest-unsafe",
        goal: r.prompt,
        response: r.completion,
        unsafe: r.finalLabel === "full_compliance",
      })),
    ...syntheticHarmExamples().map((r) => ({ ...r, group: SYNTHETIC_GROUP })),
  ];
}

export interface HarmCrossval {
  group: string;
  ours: AgreementReport;
  /** Llama Guard 1's agreement with the same labels, where the data has it. */
  llamaGuard1?: AgreementReport;
}

/** Goal folds: every goal's rows sit in one fold, in every group. */
export const HARM_GOAL_FOLDS = 3;
/** The groups that are attack methods (pooled in the summary); XSTest's rows are reported apart. */
export const isAttackGroup = (group: string): boolean => group.startsWith("jbb:");

const goalKey = (goal: string): string => `goal:${goal.trim().toLowerCase().replace(/\s+/g, " ")}`;
const label = (b: boolean): string => (b ? "unsafe" : "safe");
const binaryReport = (pairs: { truth: boolean; predicted: boolean }[]): AgreementReport =>
  agreementReport(
    pairs.map((p) => ({ truth: label(p.truth), predicted: label(p.predicted) })),
    ["safe", "unsafe"],
    ["unsafe"],
  );

/**
 * Held-out agreement with the labels, per group (each JBB attack method, and XSTest's unsafe-prompt rows).
 * For group G and goal fold f the model trains on the other groups' rows whose goals are not in fold f (the
 * project's synthetic rows always train) and predicts G's rows in fold f: neither the attack method nor the
 * goal of a test row was seen in training (JBB's methods attack the same 100 goals, so holding out the
 * method alone would test on goals the model trained on). The training settings are the shipped ones,
 * fixed; nothing is tuned on these folds.
 */
export function harmCrossval(rows: readonly HarmRow[], only?: readonly string[]): HarmCrossval[] {
  // Synthetic rows only ever train; agreement is measured on the public labelled data.
  const groups = [...new Set(rows.map((r) => r.group))]
    .filter((g) => g !== SYNTHETIC_GROUP && (!only || only.includes(g)))
    .sort();
  const featurised = rows.map((r) => ({ ...r, x: harmFeatures(r.goal, r.response) }));
  return groups.map((group) => {
    const pairs: { truth: boolean; predicted: boolean; llamaGuard1?: boolean }[] = [];
    for (let fold = 0; fold < HARM_GOAL_FOLDS; fold++) {
      const { train, test } = heldOutSplit(featurised, group, fold);
      const model = trainHarmModelOnFeatures(train);
      for (const r of test) {
        const predicted = (predictProba(model, r.x)[1] as number) >= 0.5;
        pairs.push({ truth: r.unsafe, predicted, llamaGuard1: r.llamaGuard1 });
      }
    }
    const guarded = pairs.filter((p) => p.llamaGuard1 !== undefined);
    return {
      group,
      ours: binaryReport(pairs),
      ...(guarded.length > 0 && {
        llamaGuard1: binaryReport(
          guarded.map((p) => ({ truth: p.truth, predicted: p.llamaGuard1 as boolean })),
        ),
      }),
    };
  });
}

/**
 * One split of harmCrossval: group G's rows whose goal is in `fold` are the test side; the training side is
 * every other group's rows whose goal is not in it, and the synthetic rows.
 */
export function heldOutSplit<R extends HarmRow>(rows: readonly R[], group: string, fold: number) {
  const inFold = (r: R): boolean => goalFold(goalKey(r.goal), HARM_GOAL_FOLDS) === fold;
  return {
    train: rows.filter((r) => r.group === SYNTHETIC_GROUP || (r.group !== group && !inFold(r))),
    test: rows.filter((r) => r.group === group && inFold(r)),
  };
}

export function formatHarmCrossval(results: readonly HarmCrossval[]): string {
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`.padStart(7);
  const row = (name: string, r: AgreementReport, guard?: AgreementReport): string =>
    `${name.padEnd(28)}${String(r.n).padStart(5)} ${pct(r.accuracy)}  ${r.kappa.toFixed(3)} ${pct(r.binary?.fpr ?? 0)} ${pct(r.binary?.fnr ?? 0)} | ${guard ? pct(guard.accuracy) : "    -"}`;
  const lines = ["held-out group                 n    ours   kappa   FPR     FNR   | Llama Guard 1"];
  for (const r of results) lines.push(row(r.group, r.ours, r.llamaGuard1));
  const attacks = results.filter((r) => isAttackGroup(r.group));
  if (attacks.length > 1) {
    const pooled = (pick: (r: HarmCrossval) => AgreementReport | undefined) =>
      pooledBinary(attacks.flatMap((r) => pick(r) ?? []));
    lines.push(
      row(
        "attack methods pooled",
        pooled((r) => r.ours),
        pooled((r) => r.llamaGuard1),
      ),
    );
  }
  lines.push(
    `Held out: the group and the goal (${HARM_GOAL_FOLDS} goal folds; no goal in both training and test). Labels: JBB's LLM judge on jbb:*, people on XSTest (pooled apart from the attack methods). Llama Guard 1: JBB's shipped verdicts on the same rows (JBB kept none for DSN; its pooled figure is over the rows that have one).`,
  );
  return lines.join("\n");
}

/** Binary reports pooled by summing their confusion matrices. */
function pooledBinary(reports: readonly AgreementReport[]): AgreementReport {
  const pairs: { truth: string; predicted: string }[] = [];
  for (const r of reports)
    for (const [truth, row] of Object.entries(r.confusion))
      for (const [predicted, count] of Object.entries(row))
        for (let i = 0; i < count; i++) pairs.push({ truth, predicted });
  return agreementReport(pairs, ["safe", "unsafe"], ["unsafe"]);
}
