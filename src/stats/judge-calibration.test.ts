import { describe, expect, it } from "vitest";
import { agreementReport } from "../judges/index.js";
import { harmCalibrationRows, pooledAgreement, refusalCalibrationRows } from "./judge-calibration.js";

const pairs = (spec: Array<[string, string, number]>) =>
  spec.flatMap(([truth, predicted, count]) => Array.from({ length: count }, () => ({ truth, predicted })));

const BINARY = ["safe", "unsafe"];

describe("judge calibration", () => {
  it("pools folds by summing confusion matrices, not by averaging kappas", () => {
    // Fold A: 20 unsafe/unsafe, 5 unsafe/safe; fold B: 10 safe/unsafe, 15 safe/safe. Together the classic
    // 2×2 (po 0.7, pe 0.5 → kappa 0.4), while each fold alone has kappa 0.
    const a = agreementReport(
      pairs([
        ["unsafe", "unsafe", 20],
        ["unsafe", "safe", 5],
      ]),
      BINARY,
    );
    const b = agreementReport(
      pairs([
        ["safe", "unsafe", 10],
        ["safe", "safe", 15],
      ]),
      BINARY,
    );
    expect(a.kappa).toBe(0);
    expect(b.kappa).toBe(0);
    const pooled = pooledAgreement([a, b]);
    expect(pooled.n).toBe(50);
    expect(pooled.accuracy).toBeCloseTo(0.7);
    expect(pooled.kappa).toBeCloseTo(0.4);
  });

  it("counts an unknown verdict as a disagreement in the pool", () => {
    const a = agreementReport(
      pairs([
        ["safe", "safe", 3],
        ["unsafe", "unknown", 1],
      ]),
      BINARY,
    );
    expect(pooledAgreement([a])).toMatchObject({ n: 4, accuracy: 0.75 });
  });

  it("gives a row per judge measured on the same rows, and none without folds", () => {
    const fold = agreementReport(
      pairs([
        ["full_refusal", "full_refusal", 3],
        ["full_compliance", "full_refusal", 1],
      ]),
      ["full_compliance", "full_refusal", "partial_refusal"],
    );
    const rows = refusalCalibrationRows([
      { model: "m", ours: fold, gpt4: fold, strmatch: fold, settings: [] },
    ]);
    expect(rows.map((r) => [r.judge, r.n, r.accuracy])).toEqual([
      ["refusal:learned", 4, 0.75],
      ["GPT-4 (XSTest's shipped labels)", 4, 0.75],
      ["refusal:strmatch (XSTest's shipped labels)", 4, 0.75],
    ]);
    const harm = agreementReport(pairs([["unsafe", "unsafe", 2]]), BINARY);
    const miss = agreementReport(pairs([["safe", "unsafe", 3]]), BINARY);
    // XSTest's rows are not an attack method: a row of their own, out of the attack pool.
    const harmRows = harmCalibrationRows([
      { group: "jbb:GCG", ours: harm, references: [{ judge: "Llama Guard 1", report: miss }], settings: [] },
      { group: "jbb:PAIR", ours: harm, references: [], settings: [] },
      { group: "xstest-unsafe", ours: miss, references: [], settings: [] },
    ]);
    expect(harmRows.map((r) => [r.judge, r.n, r.accuracy])).toEqual([
      ["harm:learned", 4, 1],
      ["harm:learned", 3, 0],
      ["Llama Guard 1 (JBB's shipped verdicts)", 3, 0],
    ]);
    expect(harmRows[1]?.dataset).toMatch(/XSTest/);
    expect(refusalCalibrationRows([])).toEqual([]);
  });
});
