import type { LoadOptions } from "../../datasets/index.js";
import {
  type AgreementReport,
  agreementReport,
  type HarmCrossval,
  harmCrossval,
  loadHarmRows,
  loadXSTestCompletions,
  type ModelCrossval,
  refusalCrossval,
} from "../../judges/index.js";
import type { JudgeCalibrationRow } from "../../report/report-data.js";

/**
 * Agreement pooled over cross-validation folds: the folds' confusion matrices summed, then accuracy and
 * Cohen's kappa of the whole (a mean of per-fold kappas would not be a kappa).
 */
export function pooledAgreement(reports: readonly AgreementReport[]): {
  n: number;
  accuracy: number;
  kappa: number;
} {
  const classes = reports[0]?.classes ?? [];
  const pairs: Array<{ truth: string; predicted: string }> = [];
  for (const r of reports) {
    for (const [truth, row] of Object.entries(r.confusion)) {
      for (const [predicted, count] of Object.entries(row)) {
        for (let i = 0; i < count; i++) pairs.push({ truth, predicted });
      }
    }
  }
  const pooled = agreementReport(pairs, classes);
  return { n: pooled.n, accuracy: pooled.accuracy, kappa: pooled.kappa };
}

const XSTEST = "XSTest completions, human 3-class labels (leave-one-model-out)";
const HARM = "JBB artifacts (JBB judge) + XSTest unsafe (human), leave-one-group-out";

/** `refusal:learned` on held-out XSTest models, beside the GPT-4 and string-match labels shipped for the same rows. */
export function refusalCalibrationRows(folds: readonly ModelCrossval[]): JudgeCalibrationRow[] {
  if (folds.length === 0) return [];
  return [
    { judge: "refusal:learned", dataset: XSTEST, ...pooledAgreement(folds.map((f) => f.ours)) },
    {
      judge: "GPT-4 (XSTest's shipped labels)",
      dataset: XSTEST,
      ...pooledAgreement(folds.map((f) => f.gpt4)),
    },
    {
      judge: "refusal:strmatch (XSTest's shipped labels)",
      dataset: XSTEST,
      ...pooledAgreement(folds.map((f) => f.strmatch)),
    },
  ];
}

/** `harm:learned` on held-out attack methods, beside Llama Guard 1's verdicts where JBB kept them. */
export function harmCalibrationRows(folds: readonly HarmCrossval[]): JudgeCalibrationRow[] {
  if (folds.length === 0) return [];
  const guard = folds.flatMap((f) => (f.llamaGuard1 ? [f.llamaGuard1] : []));
  return [
    { judge: "harm:learned", dataset: HARM, ...pooledAgreement(folds.map((f) => f.ours)) },
    ...(guard.length > 0
      ? [
          {
            judge: "Llama Guard 1 (JBB's shipped verdicts)",
            dataset: `${HARM}, JBB rows only`,
            ...pooledAgreement(guard),
          },
        ]
      : []),
  ];
}

/**
 * Measures the shipped learned judges the cycle used against human (or published-judge) labels in the shared
 * datasets, by the same cross-validation as `breakfix judge crossval`. Slow (tens of seconds per judge on two
 * cores): run it once per cycle, not per round. Judges without a labelled set here are left out.
 */
export async function measureJudgeCalibration(
  judges: readonly string[],
  options: LoadOptions,
): Promise<JudgeCalibrationRow[]> {
  const rows: JudgeCalibrationRow[] = [];
  if (judges.includes("refusal:learned")) {
    rows.push(...refusalCalibrationRows(refusalCrossval(await loadXSTestCompletions(options))));
  }
  if (judges.includes("harm:learned"))
    rows.push(...harmCalibrationRows(harmCrossval(await loadHarmRows(options))));
  return rows;
}
