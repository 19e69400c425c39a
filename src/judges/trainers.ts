import type { Progress } from "../core/index.js";
import type { LoadOptions } from "../datasets/index.js";
import { formatHardCaseReports, hardCaseReports, loadHardCases } from "./harm/hard-cases.js";
import {
  formatHarmCrossval,
  harmCrossval,
  loadHarmRows,
  trainSelectedHarmModel,
} from "./harm/harm-crossval.js";
import { harmSettingText } from "./harm/harm-settings.js";
import { SHIPPED_HARM } from "./harm/shipped-harm-judge.js";
import type { LogisticModel } from "./learn/sparse-logistic.js";
import { refusalSettingText } from "./refusal/refusal-settings.js";
import {
  formatCrossval,
  loadXSTestCompletions,
  refusalCrossval,
  toTraining,
  trainSelectedRefusalModel,
} from "./refusal/xstest-crossval.js";

/** The learned judges: how each is trained from the shared data and validated on held-out parts of it. */
export interface JudgeTrainer {
  id: string;
  description: string;
  /** Where the shipped weights live in the repository. */
  shippedPath: string;
  /** Trains the shipped model, with the setting chosen by validation on the training data (`setting`). */
  train(options: LoadOptions): Promise<{ model: LogisticModel; rows: number; setting: string }>;
  /** Held-out agreement; `nested`: the setting chosen inside each training side, as `train` chooses it. */
  crossval(
    options: LoadOptions,
    nested: boolean,
    progress?: Progress,
  ): Promise<{ results: unknown; text: string }>;
}

export const JUDGE_TRAINERS: Readonly<Record<string, JudgeTrainer>> = {
  refusal: {
    id: "refusal",
    description: "XSTest completions with human final labels; held out one model at a time",
    shippedPath: "src/judges/refusal/refusal-model.json",
    async train(options) {
      const rows = await loadXSTestCompletions(options);
      const { model, choice } = trainSelectedRefusalModel(rows);
      return { model, rows: toTraining(rows).length, setting: refusalSettingText(choice.setting) };
    },
    async crossval(options, nested, progress) {
      const results = refusalCrossval(await loadXSTestCompletions(options), { nested, progress });
      return { results, text: formatCrossval(results, nested) };
    },
  },
  harm: {
    id: "harm",
    description:
      "JailbreakBench artifacts (JBB judge verdicts) + XSTest unsafe-prompt completions; held out one attack method (or XSTest) at a time, with the goals of its test rows",
    shippedPath: "src/judges/harm/harm-model.json",
    async train(options) {
      const rows = await loadHarmRows(options);
      const { model, choice } = trainSelectedHarmModel(rows);
      return { model, rows: rows.length, setting: harmSettingText(choice.setting) };
    },
    async crossval(options, nested, progress) {
      const results = harmCrossval(await loadHarmRows(options), { nested, progress });
      const hardCases = hardCaseReports(SHIPPED_HARM.model, await loadHardCases("test", options));
      return {
        results: { groups: results, hardCases },
        text: `${formatHarmCrossval(results, nested)}\n\n${formatHardCaseReports(hardCases, "shipped harm:learned")}`,
      };
    },
  },
};
