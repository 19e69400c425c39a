// Experiment: partial-refusal F1 of refusal:learned under held-out-model crossval, with a prior shift on
// the partial class.
// Usage: npx tsx scripts/exp/partial-prior-shift.ts (datasets from $BREAKFIX_DATASETS or ../shared/datasets)

import { goalFold } from "../../src/judges/calibrate/goal-fold.js";
import { classifyRefusal, trainRefusalModel } from "../../src/judges/refusal/learned-refusal-judge.js";
import {
  loadXSTestCompletions,
  PROMPT_FOLDS,
  toTraining,
  xstestModels,
} from "../../src/judges/refusal/xstest-crossval.js";

const rows = await loadXSTestCompletions({ root: process.env.BREAKFIX_DATASETS ?? "../shared/datasets" });
const fold = (id: string) => goalFold(`xstest:${id}`, PROMPT_FOLDS);
const CL = ["full_compliance", "full_refusal", "partial_refusal"];
const weights = [1, 1.5, 2, 3, 4, 6];
for (const held of xstestModels(rows)) {
  const probs = new Map<(typeof rows)[number], number[]>();
  for (let f = 0; f < PROMPT_FOLDS; f++) {
    const model = trainRefusalModel(toTraining(rows.filter((r) => r.model !== held && fold(r.id) !== f)));
    for (const r of rows)
      if (r.model === held && fold(r.id) === f) probs.set(r, classifyRefusal(model, r.completion).probs);
  }
  const out: string[] = [];
  for (const w of weights) {
    let tp = 0,
      fp = 0,
      fn = 0,
      ok = 0;
    for (const [r, p] of probs) {
      const q = [p[0]!, p[1]!, p[2]! * w];
      const pred = CL[q.indexOf(Math.max(...q))];
      if (pred === r.finalLabel) ok++;
      if (pred === "partial_refusal" && r.finalLabel === "partial_refusal") tp++;
      else if (pred === "partial_refusal") fp++;
      else if (r.finalLabel === "partial_refusal") fn++;
    }
    const f1 = (2 * tp) / (2 * tp + fp + fn);
    out.push(
      `w${w}: F1 ${f1.toFixed(2)} (tp ${tp} fp ${fp} fn ${fn}) acc ${((ok / probs.size) * 100).toFixed(1)}`,
    );
  }
  console.log(held, "\n  " + out.join("\n  "));
}
