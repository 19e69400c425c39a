// Reads the replies behind harm:learned's PAIR figures: the held-out false positives and false negatives.
// Usage: npx tsx scripts/exp/pair-errors.ts [n]
import path from "node:path";
import { harmFeatures } from "../../src/judges/harm/features.js";
import { HARM_GOAL_FOLDS, heldOutSplit, loadHarmRows } from "../../src/judges/harm/harm-crossval.js";
import { trainHarmModelOnFeatures } from "../../src/judges/harm/learned-harm-judge.js";
import { predictProba } from "../../src/judges/learn/sparse-logistic.js";

const root = process.env.BREAKFIX_DATASETS ?? path.resolve(import.meta.dirname, "../../../shared/datasets");
const rows = (await loadHarmRows({ root })).map((r) => ({ ...r, x: harmFeatures(r.goal, r.response) }));
const n = Number(process.argv[2] ?? 6);
const shown = { fp: 0, fn: 0 };
for (let fold = 0; fold < HARM_GOAL_FOLDS; fold++) {
  const { train, test } = heldOutSplit(rows, process.env.GROUP ?? "jbb:PAIR", fold);
  const model = trainHarmModelOnFeatures(train);
  for (const r of test) {
    const p = predictProba(model, r.x)[1] as number;
    const kind = p >= 0.5 && !r.unsafe ? "fp" : p < 0.5 && r.unsafe ? "fn" : undefined;
    if (!kind || shown[kind] >= n) continue;
    shown[kind]++;
    console.log(
      `--- ${kind} p=${p.toFixed(2)} goal: ${r.goal}\n${r.response.slice(0, 400).replace(/\n/g, " ⏎ ")}`,
    );
  }
}
