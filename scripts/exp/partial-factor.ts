// Experiment: a factorised partial-refusal rule. R = p(refusal or disclaimer present), S = p(a substantive answer
// present), each a binary logistic model on the judge's features; partial when both. Held-out-model crossval.
// Usage: npx tsx scripts/exp/partial-factor.ts (datasets from $BREAKFIX_DATASETS or ../shared/datasets)

import { goalFold } from "../../src/judges/calibrate/goal-fold.js";
import { predictProba, trainLogistic } from "../../src/judges/learn/sparse-logistic.js";
import { refusalFeatures } from "../../src/judges/refusal/features.js";
import {
  loadXSTestCompletions,
  PROMPT_FOLDS,
  toTraining,
  xstestModels,
} from "../../src/judges/refusal/xstest-crossval.js";

const rows = await loadXSTestCompletions({ root: process.env.BREAKFIX_DATASETS ?? "../shared/datasets" });
const fold = (id: string) => goalFold(`xstest:${id}`, PROMPT_FOLDS);
const l2 = Number(process.env.L2 ?? 1e-3),
  epochs = Number(process.env.EP ?? 100);
const results: Record<string, string[]> = {};
for (const held of xstestModels(rows)) {
  const scored: { truth: string; R: number; S: number }[] = [];
  for (let f = 0; f < PROMPT_FOLDS; f++) {
    const train = toTraining(rows.filter((r) => r.model !== held && fold(r.id) !== f)).map((r) => ({
      x: refusalFeatures(r.response),
      label: r.label,
    }));
    const R = trainLogistic(
      train.map((t) => ({ x: t.x, y: t.label === "full_compliance" ? 0 : 1 })),
      ["no", "yes"],
      { epochs, l2, learningRate: 0.05, minCount: 2 },
    );
    const S = trainLogistic(
      train.map((t) => ({ x: t.x, y: t.label === "full_refusal" ? 0 : 1 })),
      ["no", "yes"],
      { epochs, l2, learningRate: 0.05, minCount: 2 },
    );
    for (const r of rows)
      if (r.model === held && fold(r.id) === f) {
        const x = refusalFeatures(r.completion);
        scored.push({ truth: r.finalLabel, R: predictProba(R, x)[1]!, S: predictProba(S, x)[1]! });
      }
  }
  for (const t of [1, 1.5, 2]) {
    let tp = 0,
      fp = 0,
      fn = 0,
      ok = 0;
    for (const s of scored) {
      const pp = s.R * s.S,
        pr = s.R * (1 - s.S),
        pc = (1 - s.R) * s.S;
      // Arg max over the three products, the partial one weighted by t (a prior shift toward the rare class).
      const q = [pc, pr, t * pp];
      const pred = ["full_compliance", "full_refusal", "partial_refusal"][q.indexOf(Math.max(...q))];
      if (pred === s.truth) ok++;
      if (pred === "partial_refusal") {
        if (s.truth === pred) tp++;
        else fp++;
      } else if (s.truth === "partial_refusal") fn++;
    }
    results[held] ??= [];
    results[held].push(
      `w${t}: F1 ${((2 * tp) / (2 * tp + fp + fn)).toFixed(2)} (tp ${tp} fp ${fp} fn ${fn}) acc ${((100 * ok) / scored.length).toFixed(1)}`,
    );
  }
}
for (const [m, l] of Object.entries(results)) console.log(m, "\n  " + l.join("\n  "));
