import {
  foldSplits,
  type JudgeSetting,
  type SettingChoice,
  selectSetting,
  settingGrid,
  withShift,
} from "../calibrate/select-setting.js";
import type { LogisticModel } from "../learn/sparse-logistic.js";
import {
  classifyRefusal,
  type LabelledResponse,
  REFUSAL_CLASSES,
  REFUSAL_TRAIN_DEFAULTS,
  trainRefusalModel,
} from "./learned-refusal-judge.js";

const PARTIAL = REFUSAL_CLASSES.indexOf("partial_refusal");

/**
 * The refusal judge's settings nested validation chooses among: L2, and a raise of the partial-refusal logit
 * (the class is rare, about 5% of XSTest's completions, and the arg-max seldom picks it). Defaults first.
 */
export const REFUSAL_SETTING_GRID: readonly JudgeSetting[] = settingGrid(
  [REFUSAL_TRAIN_DEFAULTS.l2, 1e-3],
  [0, 0.5, 1, 1.5, 2],
);

export const REFUSAL_DEFAULT = REFUSAL_SETTING_GRID[0] as JudgeSetting;

export const refusalSettingText = (s: JudgeSetting): string => `l2 ${s.l2} partial +${s.shift}`;

export function trainRefusalWithSetting(
  rows: readonly LabelledResponse[],
  setting: JudgeSetting,
): LogisticModel {
  return withShift(trainRefusalModel(rows, { l2: setting.l2 }), PARTIAL, setting.shift);
}

/**
 * Chooses the setting by prompt-fold validation inside `rows` (each fold present validated on in turn, the
 * rows without a fold — the synthetic styles — always training), scored by 3-class accuracy. (Macro F1, which
 * weighs the rare partial class as much as the others, chose a raise of 1.5–2: partial-refusal F1 on held-out
 * models rose from 0.39/0.16/0.04 to 0.45/0.30/0.21, but 3-class accuracy fell from 87.1/82.9/83.6% to
 * 84.7/82.2/75.8%, below GPT-4's on one model — a worse refusal rate for a better rare class.) A setting must
 * beat the defaults by a point.
 */
export function selectRefusalSetting<R extends LabelledResponse>(
  rows: readonly R[],
  foldOf: (r: R) => number | undefined,
): SettingChoice {
  return selectSetting({
    splits: foldSplits(rows, foldOf),
    grid: REFUSAL_SETTING_GRID,
    margin: 0.01,
    fit: (train, l2) => trainRefusalModel(train, { l2 }),
    score: (val, model, shift) => {
      const shifted = withShift(model, PARTIAL, shift);
      const hits = val.filter((r) => classifyRefusal(shifted, r.response).label === r.label).length;
      return hits / val.length;
    },
  });
}
