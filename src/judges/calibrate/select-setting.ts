import { agreementReport } from "./agreement.js";

/**
 * Hyperparameter choice for the learned judges by inner validation: each setting trains on the inner splits'
 * training sides and is scored on their validation sides, and the best mean score wins. Run inside each outer
 * split of a cross-validation (nested validation), the figures measure the whole procedure, choice included;
 * run on all the data, it picks the shipped settings.
 */

/** How to train (`l2`) and how to decide (`shift`: added to one class's logit before the arg-max). */
export interface JudgeSetting {
  l2: number;
  shift: number;
}

export interface InnerSplit<R> {
  train: readonly R[];
  val: readonly R[];
}

export interface SettingChoice {
  setting: JudgeSetting;
  /** Mean validation score of the chosen setting. */
  score: number;
  /** Every setting's mean score, in grid order. */
  scores: { setting: JudgeSetting; score: number }[];
}

export interface SelectOptions<R, M> {
  splits: readonly InnerSplit<R>[];
  /** The settings tried; the first is the default, kept unless another beats it by more than `margin`. */
  grid: readonly JudgeSetting[];
  fit(train: readonly R[], l2: number): M;
  score(val: readonly R[], model: M, shift: number): number;
  /**
   * Differences below this are noise on a few hundred validation rows; requiring it keeps the choice (and the
   * shipped model) from flipping with every retrain.
   */
  margin?: number;
}

export function selectSetting<R, M>(o: SelectOptions<R, M>): SettingChoice {
  const splits = o.splits.filter((s) => s.val.length > 0);
  if (splits.length === 0) throw new Error("selectSetting: no inner split has validation rows");
  const scores = o.grid.map((setting) => ({ setting, score: 0 }));
  for (const split of splits) {
    // One fit per l2 and split; the shifts only change the decision.
    const models = new Map<number, M>();
    for (const entry of scores) {
      const { l2, shift } = entry.setting;
      let model = models.get(l2);
      if (model === undefined) {
        model = o.fit(split.train, l2);
        models.set(l2, model);
      }
      entry.score += o.score(split.val, model, shift) / splits.length;
    }
  }
  const margin = o.margin ?? 0;
  let chosen = scores[0] as (typeof scores)[number];
  for (const entry of scores.slice(1)) {
    if (entry.score > Math.max(chosen.score, (scores[0] as (typeof scores)[number]).score + margin))
      chosen = entry;
  }
  return { setting: chosen.setting, score: chosen.score, scores };
}

/** Inner splits by fold: each fold present is validated on in turn; rows with no fold only ever train. */
export function foldSplits<R>(rows: readonly R[], foldOf: (r: R) => number | undefined): InnerSplit<R>[] {
  const folds = [...new Set(rows.map(foldOf).filter((f) => f !== undefined))].sort();
  return folds.map((fold) => ({
    train: rows.filter((r) => foldOf(r) !== fold),
    val: rows.filter((r) => foldOf(r) === fold),
  }));
}

/** The grid of every l2 with every shift, the default (first l2, first shift) first. */
export const settingGrid = (l2s: readonly number[], shifts: readonly number[]): JudgeSetting[] =>
  l2s.flatMap((l2) => shifts.map((shift) => ({ l2, shift })));

/** Mean over groups of balanced accuracy (the mean recall of each class present in the group). */
export function macroBalancedAccuracy<R>(
  rows: readonly R[],
  groupOf: (r: R) => string,
  truth: (r: R) => string,
  predicted: (r: R, i: number) => string,
): number {
  const groups = new Map<string, { truth: string; predicted: string }[]>();
  rows.forEach((r, i) => {
    const pairs = groups.get(groupOf(r)) ?? [];
    pairs.push({ truth: truth(r), predicted: predicted(r, i) });
    groups.set(groupOf(r), pairs);
  });
  const perGroup = [...groups.values()].map((pairs) => {
    const classes = [...new Set(pairs.map((p) => p.truth))];
    const { perClass } = agreementReport(pairs, classes);
    return classes.reduce((sum, c) => sum + (perClass[c]?.recall ?? 0), 0) / classes.length;
  });
  return perGroup.reduce((a, b) => a + b, 0) / Math.max(1, perGroup.length);
}

/** A copy of the model whose class `k` logit is raised by `shift` (how a chosen shift ships: in the bias). */
export function withShift<M extends { bias: number[] }>(model: M, k: number, shift: number): M {
  if (shift === 0) return model;
  const bias = model.bias.slice();
  bias[k] = Math.round(((bias[k] as number) + shift) * 1e4) / 1e4;
  return { ...model, bias };
}
