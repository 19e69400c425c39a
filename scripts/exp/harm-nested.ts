// What a nested search would choose for harm:learned (l2 and threshold on a goal-held-out inner split, by
// balanced accuracy averaged over groups), per outer split and on all the data.
// Usage: npx tsx scripts/exp/harm-nested.ts
import path from "node:path";
import { harmFeatures } from "../../src/judges/harm/features.js";
import {
  HARM_GOAL_FOLDS,
  harmGoalFold,
  heldOutSplit,
  loadHarmRows,
} from "../../src/judges/harm/harm-crossval.js";
import { trainHarmModelOnFeatures } from "../../src/judges/harm/learned-harm-judge.js";
import { predictProba } from "../../src/judges/learn/sparse-logistic.js";

const root = process.env.BREAKFIX_DATASETS ?? path.resolve(import.meta.dirname, "../../../shared/datasets");
const rows = (await loadHarmRows({ root })).map((r) => ({ ...r, x: harmFeatures(r.goal, r.response) }));
type Row = (typeof rows)[number];
const L2 = [1e-3, 1e-2];
const TH = [0.3, 0.4, 0.5, 0.6, 0.7];

function macroBalanced(val: Row[], p: number[], t: number): number {
  const by = new Map<string, number[]>();
  val.forEach((r, i) => {
    const s = by.get(r.group) ?? [0, 0, 0, 0];
    if (r.unsafe) {
      s[1]!++;
      if (p[i]! >= t) s[0]!++;
    } else {
      s[3]!++;
      if (p[i]! < t) s[2]!++;
    }
    by.set(r.group, s);
  });
  const sc = [...by.values()].map(([tp, pos, tn, neg]) => {
    const rs = [pos! > 0 ? tp! / pos! : undefined, neg! > 0 ? tn! / neg! : undefined].filter(
      (x) => x !== undefined,
    ) as number[];
    return rs.reduce((a, b) => a + b, 0) / rs.length;
  });
  return sc.reduce((a, b) => a + b, 0) / sc.length;
}
function choose(train: Row[], held: number): string {
  const isVal = (r: Row) => r.group !== "synthetic" && harmGoalFold(r.goal) === held;
  const inner = train.filter((r) => !isVal(r)),
    val = train.filter(isVal);
  let best = { s: -1, c: "" };
  for (const l2 of L2) {
    const m = trainHarmModelOnFeatures(inner, { l2 });
    const p = val.map((r) => predictProba(m, r.x)[1] as number);
    for (const t of TH) {
      const s = macroBalanced(val, p, t);
      if (s > best.s + 1e-9) best = { s, c: `l2 ${l2} t ${t}` };
    }
  }
  return `${best.c} (${best.s.toFixed(3)})`;
}
for (const group of ["jbb:PAIR", "jbb:GCG"])
  for (let f = 0; f < HARM_GOAL_FOLDS; f++) {
    const { train } = heldOutSplit(rows, group, f);
    console.log(group, f, choose(train, (f + 1) % HARM_GOAL_FOLDS));
  }
for (let f = 0; f < HARM_GOAL_FOLDS; f++) console.log("all data, inner fold", f, choose(rows, f));

// The same search with the inner score averaged over all goal folds (steadier than one held-out fold).
function chooseAveraged(train: Row[]): string {
  const scores = new Map<string, number>();
  for (let held = 0; held < HARM_GOAL_FOLDS; held++) {
    const isVal = (r: Row) => r.group !== "synthetic" && harmGoalFold(r.goal) === held;
    const inner = train.filter((r) => !isVal(r));
    const val = train.filter(isVal);
    for (const l2 of L2) {
      const m = trainHarmModelOnFeatures(inner, { l2 });
      const p = val.map((r) => predictProba(m, r.x)[1] as number);
      for (const t of TH) {
        const k = `l2 ${l2} t ${t}`;
        scores.set(k, (scores.get(k) ?? 0) + macroBalanced(val, p, t) / HARM_GOAL_FOLDS);
      }
    }
  }
  const best = [...scores].sort((a, b) => b[1] - a[1]);
  return best
    .slice(0, 3)
    .map(([k, v]) => `${k} (${v.toFixed(3)})`)
    .join(", ");
}
console.log("all data, averaged over inner folds:", chooseAveraged(rows));
