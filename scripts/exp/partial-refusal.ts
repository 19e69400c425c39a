// Experiments on refusal:learned's partial-refusal class, under the crossval's split (held-out XSTest model
// and prompt fold), each printing partial-refusal F1 and 3-class agreement per held-out model:
//   prior:  the shipped model's probabilities, the partial class weighted by w before the arg max;
//   factor: two binary models, R = p(a refusal or disclaimer) and S = p(a substantive answer), with
//           compliance ∝ (1-R)S, refusal ∝ R(1-S), partial ∝ w·RS.
// Usage: npx tsx scripts/exp/partial-refusal.ts [prior|factor] (datasets from $BREAKFIX_DATASETS or ../shared/datasets)
import { goalFold } from "../../src/judges/calibrate/goal-fold.js";
import { predictProba, trainLogistic } from "../../src/judges/learn/sparse-logistic.js";
import { refusalFeatures } from "../../src/judges/refusal/features.js";
import { classifyRefusal, trainRefusalModel } from "../../src/judges/refusal/learned-refusal-judge.js";
import {
  loadXSTestCompletions,
  PROMPT_FOLDS,
  toTraining,
  xstestModels,
} from "../../src/judges/refusal/xstest-crossval.js";

const mode = process.argv[2] === "factor" ? "factor" : "prior";
const rows = await loadXSTestCompletions({ root: process.env.BREAKFIX_DATASETS ?? "../shared/datasets" });
type Row = (typeof rows)[number];
const fold = (r: Row) => goalFold(`xstest:${r.id}`, PROMPT_FOLDS);
const CLASSES = ["full_compliance", "full_refusal", "partial_refusal"];
const WEIGHTS = mode === "prior" ? [1, 1.5, 2, 3, 4, 6] : [1, 1.5, 2];

/** Class scores [compliance, refusal, partial] for the held-out rows of one split. */
function scoreSplit(train: Row[], test: Row[]): number[][] {
  if (mode === "prior") {
    const model = trainRefusalModel(toTraining(train));
    return test.map((r) => classifyRefusal(model, r.completion).probs);
  }
  const labelled = toTraining(train).map((t) => ({ x: refusalFeatures(t.response), label: t.label }));
  const binary = (positive: (label: string) => boolean) =>
    trainLogistic(
      labelled.map((t) => ({ x: t.x, y: positive(t.label) ? 1 : 0 })),
      ["no", "yes"],
      { epochs: 100, l2: 1e-3, learningRate: 0.05, minCount: 2 },
    );
  const R = binary((l) => l !== "full_compliance");
  const S = binary((l) => l !== "full_refusal");
  return test.map((r) => {
    const x = refusalFeatures(r.completion);
    const [pr, ps] = [predictProba(R, x)[1] as number, predictProba(S, x)[1] as number];
    return [(1 - pr) * ps, pr * (1 - ps), pr * ps];
  });
}

for (const held of xstestModels(rows)) {
  const scored: { truth: string; q: number[] }[] = [];
  for (let f = 0; f < PROMPT_FOLDS; f++) {
    const test = rows.filter((r) => r.model === held && fold(r) === f);
    const q = scoreSplit(
      rows.filter((r) => r.model !== held && fold(r) !== f),
      test,
    );
    for (const [i, r] of test.entries()) scored.push({ truth: r.finalLabel, q: q[i] as number[] });
  }
  const lines = WEIGHTS.map((w) => {
    let [tp, fp, fn, ok] = [0, 0, 0, 0];
    for (const { truth, q } of scored) {
      const weighted = [q[0] as number, q[1] as number, (q[2] as number) * w];
      const predicted = CLASSES[weighted.indexOf(Math.max(...weighted))];
      if (predicted === truth) ok++;
      if (predicted === "partial_refusal") truth === predicted ? tp++ : fp++;
      else if (truth === "partial_refusal") fn++;
    }
    const f1 = (2 * tp) / (2 * tp + fp + fn);
    return `w${w}: F1 ${f1.toFixed(2)} (tp ${tp} fp ${fp} fn ${fn}) acc ${((100 * ok) / scored.length).toFixed(1)}`;
  });
  console.log(`${held} (${mode})\n  ${lines.join("\n  ")}`);
}
