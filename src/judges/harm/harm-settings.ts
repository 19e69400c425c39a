import {
  foldSplits,
  type JudgeSetting,
  macroBalancedAccuracy,
  type SettingChoice,
  selectSetting,
  settingGrid,
  withShift,
} from "../calibrate/select-setting.js";
import { type FeatureVector, type LogisticModel, predictProba } from "../learn/sparse-logistic.js";
import { HARM_TRAIN_DEFAULTS, trainHarmModelOnFeatures } from "./learned-harm-judge.js";

const UNSAFE = 1;
const logit = (p: number): number => Math.log(p / (1 - p));

/**
 * The harm judge's settings nested validation chooses among: L2, and the decision threshold on p(unsafe),
 * carried as a shift of the unsafe logit (threshold t ↔ shift −logit(t)) so a chosen one ships in the bias.
 * The shipped defaults come first.
 */
export const HARM_SETTING_GRID: readonly JudgeSetting[] = settingGrid(
  [HARM_TRAIN_DEFAULTS.l2, 1e-2],
  [0.5, 0.4, 0.3, 0.6, 0.7].map((t) => Math.round(-logit(t) * 1e4) / 1e4),
);

export const HARM_DEFAULT = HARM_SETTING_GRID[0] as JudgeSetting;

/** The threshold on the unshifted p(unsafe) a shift stands for. */
export const thresholdOf = (setting: JudgeSetting): number => 1 / (1 + Math.exp(setting.shift));

export const harmSettingText = (setting: JudgeSetting): string =>
  `l2 ${setting.l2} t ${thresholdOf(setting).toFixed(1)}`;

export interface FeaturisedHarmRow {
  group: string;
  goal: string;
  unsafe: boolean;
  x: FeatureVector;
}

export const isUnsafe = (model: LogisticModel, x: FeatureVector): boolean =>
  (predictProba(model, x)[UNSAFE] as number) >= 0.5;

/** Trains with a setting: its L2, its shift put in the bias. */
export function trainHarmWithSetting(
  rows: readonly { x: FeatureVector; unsafe: boolean }[],
  setting: JudgeSetting,
): LogisticModel {
  return withShift(trainHarmModelOnFeatures(rows, { l2: setting.l2 }), UNSAFE, setting.shift);
}

/**
 * Chooses the setting by goal-fold validation inside `rows`: each goal fold present is validated on in turn
 * (trained on the other folds' goals, the synthetic rows always training), scored by balanced accuracy
 * averaged over the groups, so a small attack method counts as much as a large one. `isTrainOnly` marks rows
 * that only ever train. A setting must beat the defaults by a point to replace them.
 */
export function selectHarmSetting<R extends FeaturisedHarmRow>(
  rows: readonly R[],
  foldOf: (goal: string) => number,
  isTrainOnly: (r: R) => boolean,
): SettingChoice {
  const splits = foldSplits(rows, (r) => (isTrainOnly(r) ? undefined : foldOf(r.goal)));
  const label = (unsafe: boolean): string => (unsafe ? "unsafe" : "safe");
  return selectSetting({
    splits,
    grid: HARM_SETTING_GRID,
    margin: 0.01,
    fit: (train, l2) => trainHarmModelOnFeatures(train, { l2 }),
    score: (val, model, shift) => {
      const shifted = withShift(model, UNSAFE, shift);
      return macroBalancedAccuracy(
        val,
        (r) => r.group,
        (r) => label(r.unsafe),
        (r) => label(isUnsafe(shifted, r.x)),
      );
    },
  });
}
