import { type AgreementReport, agreementReport } from "../calibrate/agreement.js";
import { type FeatureVector, type LogisticModel, predictProba } from "../learn/sparse-logistic.js";
import { harmFeatures } from "./features.js";
import { goalFold, type HarmRow, TRAIN_ONLY_GROUPS } from "./harm-rows.js";
import { type HarmTrainOptions, trainHarmModelOnFeatures } from "./learned-harm-judge.js";

export { type HarmRow, loadHarmRows } from "./harm-rows.js";

/** Goal folds: every goal's rows sit in one fold, in every group. */
export const GOAL_FOLDS = 3;
/** The nested search: small on purpose (two cores, a CLI command that should finish in minutes). */
export const L2_GRID: readonly number[] = [1e-3, 1e-2];
export const THRESHOLD_GRID: readonly number[] = [0.3, 0.4, 0.5, 0.6, 0.7];

export interface HarmSettings {
  l2: number;
  threshold: number;
}

export type Featurised = HarmRow & { x: FeatureVector };

export interface ReferenceAgreement {
  judge: string;
  report: AgreementReport;
}

export interface HarmGroupResult {
  group: string;
  ours: AgreementReport;
  /** Reference judges on the same rows (only rows that carry that judge's verdict). */
  references: ReferenceAgreement[];
}

export interface HarmCrossvalResult {
  folds: number;
  /** `method-and-goal`: each group held out as well as the goal fold; `goal`: only the goal fold. */
  split: "method-and-goal" | "goal";
  groups: HarmGroupResult[];
  /** Settings chosen by the inner validation of each outer fold, as `group/fold → settings`. */
  chosen: Record<string, HarmSettings>;
}

const label = (unsafe: boolean): string => (unsafe ? "unsafe" : "safe");
const report = (pairs: { truth: boolean; predicted: boolean }[]): AgreementReport =>
  agreementReport(
    pairs.map((p) => ({ truth: label(p.truth), predicted: label(p.predicted) })),
    ["safe", "unsafe"],
    ["unsafe"],
  );
const pUnsafe = (model: LogisticModel, x: FeatureVector): number => predictProba(model, x)[1] as number;

/**
 * Balanced accuracy (mean of the unsafe and safe recalls) per report group, averaged over the groups: the
 * base rate of unsafe replies differs wildly between attack methods (11% to 95%), and pooled accuracy would
 * buy recall on the mostly-unsafe methods with false positives, the error a safety team trusts least; pooled
 * balanced accuracy would let XSTest's hundreds of easy refusals hide the false positives of an attack group.
 */
function macroBalancedAccuracy(rows: readonly Featurised[], predicted: readonly boolean[]): number {
  const by = new Map<string, { tp: number; pos: number; tn: number; neg: number }>();
  rows.forEach((r, i) => {
    const s = by.get(r.reportGroup) ?? { tp: 0, pos: 0, tn: 0, neg: 0 };
    if (r.unsafe) {
      s.pos++;
      if (predicted[i]) s.tp++;
    } else {
      s.neg++;
      if (!predicted[i]) s.tn++;
    }
    by.set(r.reportGroup, s);
  });
  const scores = [...by.values()].map((s) => {
    const recalls = [s.pos > 0 ? s.tp / s.pos : undefined, s.neg > 0 ? s.tn / s.neg : undefined];
    const present = recalls.filter((x): x is number => x !== undefined);
    return present.reduce((a, b) => a + b, 0) / present.length;
  });
  return scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length);
}

/**
 * Chooses l2 and the threshold on the given training rows only: one goal fold of them is held out (goals
 * never shared), each l2 is trained on the rest, and the (l2, threshold) with the best balanced accuracy, averaged over groups, wins.
 */
export function chooseHarmSettings(
  train: readonly Featurised[],
  folds: number,
  heldFold: number,
  options: Partial<HarmTrainOptions> = {},
): HarmSettings {
  const isVal = (r: Featurised): boolean =>
    !TRAIN_ONLY_GROUPS.includes(r.group) && goalFold(r.goalKey, folds) === heldFold;
  const inner = train.filter((r) => !isVal(r));
  const val = train.filter(isVal);
  let best: HarmSettings & { score: number } = { l2: L2_GRID[0] as number, threshold: 0.5, score: -1 };
  for (const l2 of L2_GRID) {
    const model = trainHarmModelOnFeatures(inner, { ...options, l2 });
    const p = val.map((r) => pUnsafe(model, r.x));
    for (const threshold of THRESHOLD_GRID) {
      const score = macroBalancedAccuracy(
        val,
        p.map((v) => v >= threshold),
      );
      if (score > best.score + 1e-9) best = { l2, threshold, score };
    }
  }
  return { l2: best.l2, threshold: best.threshold };
}

/**
 * The outer train/test splits. A test row's goal never trains (in any group); with `method-and-goal` neither
 * does any row of its group. Train-only rows (project-authored) always train.
 */
export function heldOutSplits<R extends HarmRow>(
  rows: readonly R[],
  groups: readonly string[],
  folds: number,
  split: HarmCrossvalResult["split"],
): { name: string; fold: number; train: R[]; test: R[] }[] {
  const out: { name: string; fold: number; train: R[]; test: R[] }[] = [];
  // With split "goal" one pass over the folds tests every group at once.
  for (const group of split === "goal" ? ["*"] : groups) {
    const isTestGroup = (g: string): boolean => (group === "*" ? groups.includes(g) : g === group);
    for (let fold = 0; fold < folds; fold++) {
      const inFold = (r: R): boolean => goalFold(r.goalKey, folds) === fold;
      const train = rows.filter(
        (r) => TRAIN_ONLY_GROUPS.includes(r.group) || (!inFold(r) && (group === "*" || r.group !== group)),
      );
      const test = rows.filter((r) => isTestGroup(r.group) && inFold(r));
      if (test.length > 0) out.push({ name: `${group}/${fold}`, fold, train, test });
    }
  }
  return out;
}

/**
 * Honest held-out agreement. For every labelled group G (each JBB attack method, and XSTest as one group) and
 * every goal fold f, the model trains on rows of the other groups whose goals are not in fold f, with l2 and
 * threshold chosen by an inner goal-held-out split of that training data, and predicts G's rows in fold f. So
 * no test row's attack method or goal was seen in training or tuning. Reference judges are scored on the same
 * rows. With `split: "goal"` only the goal fold is held out: the figure for a reply to an unseen goal from an
 * attack method the shipped model did train on.
 */
export function harmCrossval(
  rows: readonly HarmRow[],
  options: {
    only?: readonly string[];
    folds?: number;
    /** Hold out each group as well as the goal fold (default), or only the goal fold. */
    split?: HarmCrossvalResult["split"];
    featurize?: (goal: string, response: string) => FeatureVector;
    train?: Partial<HarmTrainOptions>;
    /** Fixed settings instead of the nested search (to measure a judge trained the old way). */
    settings?: HarmSettings;
    /** Sees every held-out prediction (for reading the misclassified rows). */
    onPrediction?: (row: HarmRow, pUnsafe: number, predicted: boolean) => void;
  } = {},
): HarmCrossvalResult {
  const folds = options.folds ?? GOAL_FOLDS;
  const featurize = options.featurize ?? harmFeatures;
  const all: Featurised[] = rows.map((r) => ({ ...r, x: featurize(r.goal, r.response) }));
  const groups = [...new Set(all.map((r) => r.group))]
    .filter((g) => !TRAIN_ONLY_GROUPS.includes(g) && (!options.only || options.only.includes(g)))
    .sort();
  const split = options.split ?? "method-and-goal";
  const predictions = new Map<Featurised, boolean>();
  const chosen: Record<string, HarmSettings> = {};
  for (const { name, train, test, fold } of heldOutSplits(all, groups, folds, split)) {
    const settings = options.settings ?? chooseHarmSettings(train, folds, (fold + 1) % folds, options.train);
    chosen[name] = settings;
    const model = trainHarmModelOnFeatures(train, {
      ...options.train,
      l2: settings.l2,
    });
    for (const r of test) {
      const p = pUnsafe(model, r.x);
      predictions.set(r, p >= settings.threshold);
      options.onPrediction?.(r, p, p >= settings.threshold);
    }
  }
  const tested = [...predictions.keys()];
  const reportGroups = [...new Set(tested.map((r) => r.reportGroup))].sort();
  return {
    folds,
    split,
    chosen,
    groups: reportGroups.map((group) => {
      const test = tested.filter((r) => r.reportGroup === group);
      const judges = [...new Set(test.flatMap((r) => Object.keys(r.reference)))].sort();
      return {
        group,
        ours: report(test.map((r) => ({ truth: r.unsafe, predicted: predictions.get(r) as boolean }))),
        references: judges.map((judge) => ({
          judge,
          report: report(
            test
              .filter((r) => r.reference[judge] !== undefined)
              .map((r) => ({ truth: r.unsafe, predicted: r.reference[judge] as boolean })),
          ),
        })),
      };
    }),
  };
}
