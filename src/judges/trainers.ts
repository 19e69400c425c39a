import type { LoadOptions } from "../datasets/index.js";
import { formatHarmCrossval, harmCrossval, loadHarmRows } from "./harm/harm-crossval.js";
import { trainHarmModel } from "./harm/learned-harm-judge.js";
import type { LogisticModel } from "./learn/sparse-logistic.js";
import { trainRefusalModel } from "./refusal/learned-refusal-judge.js";
import {
  formatCrossval,
  loadXSTestCompletions,
  refusalCrossval,
  toTraining,
} from "./refusal/xstest-crossval.js";

/** The learned judges: how each is trained from the shared data and validated on held-out parts of it. */
export interface JudgeTrainer {
  id: string;
  description: string;
  /** Where the shipped weights live in the repository. */
  shippedPath: string;
  train(options: LoadOptions): Promise<{ model: LogisticModel; rows: number }>;
  crossval(options: LoadOptions): Promise<{ results: unknown; text: string }>;
}

export const JUDGE_TRAINERS: Readonly<Record<string, JudgeTrainer>> = {
  refusal: {
    id: "refusal",
    description: "XSTest completions with human final labels; held out one model at a time",
    shippedPath: "src/judges/refusal/refusal-model.json",
    async train(options) {
      const rows = toTraining(await loadXSTestCompletions(options));
      return { model: trainRefusalModel(rows), rows: rows.length };
    },
    async crossval(options) {
      const results = refusalCrossval(await loadXSTestCompletions(options));
      return { results, text: formatCrossval(results) };
    },
  },
  harm: {
    id: "harm",
    description:
      "JailbreakBench artifacts (JBB judge verdicts) + XSTest unsafe-prompt completions; held out one attack method (or XSTest) at a time, with the goals of its test rows",
    shippedPath: "src/judges/harm/harm-model.json",
    async train(options) {
      const rows = await loadHarmRows(options);
      return { model: trainHarmModel(rows), rows: rows.length };
    },
    async crossval(options) {
      const results = harmCrossval(await loadHarmRows(options));
      return { results, text: formatHarmCrossval(results) };
    },
  },
};
