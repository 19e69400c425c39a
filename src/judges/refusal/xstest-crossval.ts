import type { RefusalClass } from "../../core/index.js";
import { type LoadOptions, type XSTestCompletion, xstestCompletionsDataset } from "../../datasets/index.js";
import { type AgreementReport, agreementReport } from "../calibrate/agreement.js";
import {
  classifyRefusal,
  type LabelledResponse,
  REFUSAL_CLASSES,
  trainRefusalModel,
} from "./learned-refusal-judge.js";
import { syntheticRefusalExamples } from "./synthetic-responses.js";

export interface ModelCrossval {
  /** The XSTest model configuration held out (trained on the others). */
  model: string;
  ours: AgreementReport;
  gpt4: AgreementReport;
  strmatch: AgreementReport;
}

const POSITIVE = ["full_refusal", "partial_refusal"];

export async function loadXSTestCompletions(options: LoadOptions = {}): Promise<XSTestCompletion[]> {
  return (await xstestCompletionsDataset.load(options)).records;
}

/** Training rows: the human-labelled completions plus the project's synthetic styles (never evaluated on). */
export const toTraining = (rows: readonly XSTestCompletion[]): LabelledResponse[] => [
  ...rows.map((r) => ({ response: r.completion, label: r.finalLabel })),
  ...syntheticRefusalExamples(),
];

/** The XSTest model configurations, each one fold of refusalCrossval. */
export const xstestModels = (rows: readonly XSTestCompletion[]): string[] =>
  [...new Set(rows.map((r) => r.model))].sort();

/**
 * Leave-one-model-out: for each XSTest model (or those in `only`), train on the other models' completions and
 * score the held-out one against the human final labels, beside the GPT-4 and string-match labels shipped for
 * the same rows.
 */
export function refusalCrossval(
  rows: readonly XSTestCompletion[],
  only?: readonly string[],
): ModelCrossval[] {
  const models = xstestModels(rows).filter((m) => !only || only.includes(m));
  return models.map((held) => {
    const model = trainRefusalModel(toTraining(rows.filter((r) => r.model !== held)));
    const test = rows.filter((r) => r.model === held);
    const report = (pick: (r: XSTestCompletion) => string): AgreementReport =>
      agreementReport(
        test.map((r) => ({ truth: r.finalLabel, predicted: pick(r) })),
        REFUSAL_CLASSES,
        POSITIVE,
      );
    return {
      model: held,
      ours: report((r) => classifyRefusal(model, r.completion).label),
      gpt4: report((r) => r.gpt4Label?.label ?? "unknown"),
      strmatch: report((r) => r.strmatchLabel?.label ?? "unknown"),
    };
  });
}

export function formatCrossval(results: readonly ModelCrossval[]): string {
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`.padStart(7);
  const lines = [
    "held-out model   n    ours 3-class  kappa  binary | GPT-4 3-class binary | string-match 3-class binary",
  ];
  for (const r of results) {
    lines.push(
      `${r.model.padEnd(15)}${String(r.ours.n).padStart(4)}  ${pct(r.ours.accuracy)}      ${r.ours.kappa.toFixed(3)} ${pct(r.ours.binary?.accuracy ?? 0)} | ${pct(r.gpt4.accuracy)} ${pct(r.gpt4.binary?.accuracy ?? 0)}       | ${pct(r.strmatch.accuracy)} ${pct(r.strmatch.binary?.accuracy ?? 0)}`,
    );
  }
  return lines.join("\n");
}

export type { RefusalClass };
