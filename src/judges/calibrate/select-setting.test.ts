import { describe, expect, it } from "vitest";
import { predictProba } from "../learn/sparse-logistic.js";
import {
  foldSplits,
  macroBalancedAccuracy,
  selectSetting,
  settingGrid,
  withShift,
} from "./select-setting.js";

// A "model" here is the training rows' mean; a row is predicted positive when its value + shift > the mean.
type Row = { v: number; y: boolean };
const fitMean = (train: readonly Row[], l2: number) => ({
  mean: train.reduce((s, r) => s + r.v, 0) / train.length + l2,
});
const accuracy = (val: readonly Row[], m: { mean: number }, shift: number) =>
  val.filter((r) => r.v + shift > m.mean === r.y).length / val.length;

const rows = (values: number[], cut: number): Row[] => values.map((v) => ({ v, y: v > cut }));

describe("selectSetting", () => {
  it("picks the setting with the best mean validation score, fitting once per L2 and split", () => {
    const splits = [
      { train: rows([0, 10], 7), val: rows([6, 8, 9, 2], 7) },
      { train: rows([0, 10], 7), val: rows([4, 7.5, 1], 7) },
    ];
    let fits = 0;
    const choice = selectSetting({
      splits,
      grid: settingGrid([0, 1], [0, -2, 2]),
      fit: (train, l2) => {
        fits++;
        return fitMean(train, l2);
      },
      score: accuracy,
    });
    expect(fits).toBe(4);
    // Mean 5 (l2 0) with shift −2 puts the cut at 7: every row right.
    expect(choice.setting).toEqual({ l2: 0, shift: -2 });
    expect(choice.score).toBe(1);
    expect(choice.scores).toHaveLength(6);
  });

  it("keeps the default unless another setting beats it by more than the margin", () => {
    // Mean 5; the truth cuts at 5.7, so shift 0 gets 5.5 wrong (9/10) and shift −0.6 gets all ten.
    const splits = [{ train: rows([0, 10], 5), val: rows([1, 2, 3, 4, 6, 7, 8, 9, 5.5, 4.5], 5.7) }];
    const grid = settingGrid([0], [0, -0.6]);
    const plain = selectSetting({ splits, grid, fit: fitMean, score: accuracy });
    expect(plain.scores.map((s) => s.score)).toEqual([0.9, 1]);
    expect(plain.setting.shift).toBe(-0.6);
    const guarded = selectSetting({ splits, grid, fit: fitMean, score: accuracy, margin: 0.5 });
    expect(guarded.setting.shift).toBe(0);
  });

  it("refuses to choose with no validation rows", () => {
    expect(() =>
      selectSetting({
        splits: [{ train: rows([1], 0), val: [] }],
        grid: settingGrid([0], [0]),
        fit: fitMean,
        score: accuracy,
      }),
    ).toThrow(/no inner split/);
  });
});

describe("foldSplits", () => {
  it("validates on each fold present in turn, and rows with no fold only ever train", () => {
    const data = [
      { id: "a", fold: 0 },
      { id: "b", fold: 2 },
      { id: "c", fold: undefined },
      { id: "d", fold: 0 },
    ];
    const splits = foldSplits(data, (r) => r.fold);
    const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id).join("");
    expect(splits.map((s) => [ids(s.train), ids(s.val)])).toEqual([
      ["bc", "ad"],
      ["acd", "b"],
    ]);
  });
});

describe("macroBalancedAccuracy", () => {
  it("averages each class's recall within a group, then the groups, whatever their sizes", () => {
    const data = [
      ...Array.from({ length: 90 }, () => ({ g: "big", t: "safe", p: "safe" })),
      ...Array.from({ length: 10 }, () => ({ g: "big", t: "unsafe", p: "safe" })),
      { g: "small", t: "unsafe", p: "unsafe" },
    ];
    const score = macroBalancedAccuracy(
      data,
      (r) => r.g,
      (r) => r.t,
      (r) => r.p,
    );
    // big: (1 + 0) / 2 = 0.5; small: 1 (one class present) → 0.75, not plain accuracy's 91/101.
    expect(score).toBeCloseTo(0.75, 10);
  });
});

describe("withShift", () => {
  it("moves a binary model's 0.5 cut to the threshold the shift stands for", () => {
    const model = { classes: ["safe", "unsafe"], bias: [0, 0], weights: { f: [0, 1] } };
    const t = 0.3;
    const shifted = withShift(model, 1, -Math.log(t / (1 - t)));
    for (const v of [-2, -1, -0.9, -0.8, 0, 1]) {
      const x = new Map([["f", v]]);
      const p = predictProba(model, x)[1] as number;
      expect((predictProba(shifted, x)[1] as number) >= 0.5, String(v)).toBe(p >= t);
    }
    expect(model.bias).toEqual([0, 0]);
    expect(withShift(model, 1, 0)).toBe(model);
  });
});
