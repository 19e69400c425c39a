import { type Progress, type RefusalClass, silentProgress } from "../../core/index.js";
import { type LoadOptions, type XSTestCompletion, xstestCompletionsDataset } from "../../datasets/index.js";
import { type AgreementReport, agreementReport, percentCell } from "../calibrate/agreement.js";
import { goalFold } from "../calibrate/goal-fold.js";
import type { JudgeSetting, SettingChoice } from "../calibrate/select-setting.js";
import type { LogisticModel } from "../learn/sparse-logistic.js";
import { classifyRefusal, type LabelledResponse, REFUSAL_CLASSES } from "./learned-refusal-judge.js";
import {
  REFUSAL_DEFAULT,
  refusalSettingText,
  selectRefusalSetting,
  trainRefusalWithSetting,
} from "./refusal-settings.js";
import { syntheticRefusalExamples } from "./synthetic-responses.js";

export interface ModelCrossval {
  /** The XSTest model configuration held out (trained on the others). */
  model: string;
  ours: AgreementReport;
  gpt4: AgreementReport;
  strmatch: AgreementReport;
  /** The setting each prompt fold's model used (chosen inside its training side when nested). */
  settings: JudgeSetting[];
}

const POSITIVE = ["full_refusal", "partial_refusal"];
/** Prompt folds: the three models answered the same 450 prompts, so a prompt never trains and tests. */
export const PROMPT_FOLDS = 3;

export async function loadXSTestCompletions(options: LoadOptions = {}): Promise<XSTestCompletion[]> {
  return (await xstestCompletionsDataset.load(options)).records;
}

const promptFold = (id: string): number => goalFold(`xstest:${id}`, PROMPT_FOLDS);

/** A training row, with the XSTest prompt it answers (none for the synthetic styles, which only train). */
type TrainingRow = LabelledResponse & { prompt?: string };

/** Training rows: the human-labelled completions plus the project's synthetic styles (never evaluated on). */
export const toTraining = (rows: readonly XSTestCompletion[]): TrainingRow[] => [
  ...rows.map((r) => ({ response: r.completion, label: r.finalLabel, prompt: r.id })),
  ...syntheticRefusalExamples(),
];

/**
 * The shipped model: the setting chosen by prompt-fold validation on the completions (the search nested
 * crossval runs inside each training side), then trained on them all.
 */
export function trainSelectedRefusalModel(rows: readonly XSTestCompletion[]): {
  model: LogisticModel;
  choice: SettingChoice;
} {
  const training = toTraining(rows);
  const choice = selectRefusalSetting(training, (r) =>
    r.prompt === undefined ? undefined : promptFold(r.prompt),
  );
  return { model: trainRefusalWithSetting(training, choice.setting), choice };
}

/** The XSTest model configurations, each one fold of refusalCrossval. */
export const xstestModels = (rows: readonly XSTestCompletion[]): string[] =>
  [...new Set(rows.map((r) => r.model))].sort();

/**
 * Leave-one-model-out with prompt folds: for each XSTest model (or those in `only`) and each prompt fold, train
 * on the other models' completions of the other folds' prompts and score the held-out model's completions of
 * that fold's prompts against the human final labels, beside the GPT-4 and string-match labels shipped for the
 * same rows. So neither the model nor the prompt of a test row was seen in training.
 */
export function refusalCrossval(
  rows: readonly XSTestCompletion[],
  options: { only?: readonly string[]; nested?: boolean; progress?: Progress } = {},
): ModelCrossval[] {
  const { only, nested = false, progress = silentProgress } = options;
  const models = xstestModels(rows).filter((m) => !only || only.includes(m));
  progress.start(`refusal crossval${nested ? " (nested)" : ""}`, models.length * PROMPT_FOLDS);
  const results = models.map((held) => {
    const predicted = new Map<XSTestCompletion, string>();
    const settings: JudgeSetting[] = [];
    for (let fold = 0; fold < PROMPT_FOLDS; fold++) {
      const inFold = (r: XSTestCompletion): boolean => promptFold(r.id) === fold;
      const train = rows.filter((r) => r.model !== held && !inFold(r));
      const { model, choice } = nested
        ? trainSelectedRefusalModel(train)
        : {
            model: trainRefusalWithSetting(toTraining(train), REFUSAL_DEFAULT),
            choice: { setting: REFUSAL_DEFAULT },
          };
      settings.push(choice.setting);
      for (const r of rows) {
        if (r.model === held && inFold(r)) predicted.set(r, classifyRefusal(model, r.completion).label);
      }
      progress.advance();
    }
    const test = rows.filter((r) => r.model === held);
    const report = (pick: (r: XSTestCompletion) => string): AgreementReport =>
      agreementReport(
        test.map((r) => ({ truth: r.finalLabel, predicted: pick(r) })),
        REFUSAL_CLASSES,
        POSITIVE,
      );
    return {
      model: held,
      settings,
      ours: report((r) => predicted.get(r) ?? "unknown"),
      gpt4: report((r) => r.gpt4Label?.label ?? "unknown"),
      strmatch: report((r) => r.strmatchLabel?.label ?? "unknown"),
    };
  });
  progress.finish();
  return results;
}

export function formatCrossval(results: readonly ModelCrossval[], nested: boolean): string {
  const f1 = (r: AgreementReport): string => (r.perClass.partial_refusal?.f1 ?? 0).toFixed(2).padStart(5);
  const lines = [
    "held-out model   n    ours 3-class  kappa  binary partial-F1 | GPT-4 3-class binary partial-F1 | string-match 3-class binary",
  ];
  for (const r of results) {
    lines.push(
      `${r.model.padEnd(15)}${String(r.ours.n).padStart(4)}  ${percentCell(r.ours.accuracy)}      ${r.ours.kappa.toFixed(3)} ${percentCell(r.ours.binary?.accuracy ?? 0)}      ${f1(r.ours)} | ${percentCell(r.gpt4.accuracy)} ${percentCell(r.gpt4.binary?.accuracy ?? 0)}      ${f1(r.gpt4)} | ${percentCell(r.strmatch.accuracy)} ${percentCell(r.strmatch.binary?.accuracy ?? 0)}`,
    );
  }
  const settings = (list: readonly JudgeSetting[]): string =>
    [...new Set(list.map(refusalSettingText))].join("; ");
  lines.push(
    `Held out: the model and the prompt (${PROMPT_FOLDS} prompt folds). String match has no partial-refusal class.`,
    nested
      ? `Settings chosen inside each training side (nested prompt-fold validation, 3-class accuracy): ${results.map((r) => `${r.model} ${settings(r.settings)}`).join(" | ")}`
      : `Settings: the shipped defaults (${settings([REFUSAL_DEFAULT])}) on every fold.`,
  );
  return lines.join("\n");
}

export type { RefusalClass };
