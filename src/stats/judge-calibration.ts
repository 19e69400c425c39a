import type { Progress } from "../core/index.js";
import type { LoadOptions } from "../datasets/index.js";
import {
  type AgreementReport,
  type HarmCrossval,
  harmCrossval,
  isAttackGroup,
  LLAMA_GUARD_1,
  loadHarmRows,
  loadXSTestCompletions,
  type ModelCrossval,
  pooledReport,
  refusalCrossval,
  SHIPPED_HARM,
  SHIPPED_REFUSAL,
  xstestModels,
} from "../judges/index.js";
import type { Store } from "../store/index.js";
import { type JudgeCalibrationRow, type Measurement, measureCalibrations } from "./resumable-calibration.js";

/** Agreement pooled over cross-validation folds (see pooledReport), as a calibration row shows it. */
export function pooledAgreement(reports: readonly AgreementReport[]): {
  n: number;
  accuracy: number;
  kappa: number;
} {
  const pooled = pooledReport(reports);
  return { n: pooled.n, accuracy: pooled.accuracy, kappa: pooled.kappa };
}

const XSTEST = "XSTest completions, human 3-class labels (answering model and prompt held out)";
const HARM = "JBB artifacts (JBB judge), attack method and goal held out";
const HARM_XSTEST = "XSTest unsafe prompts (human labels), held out whole";

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

/**
 * `harm:learned` on held-out attack methods (pooled), beside Llama Guard 1's verdicts where JBB kept them,
 * and on XSTest's rows apart: they are not an attack method, and their easy refusals would flatter the pool.
 */
export function harmCalibrationRows(groups: readonly HarmCrossval[]): JudgeCalibrationRow[] {
  const folds = groups.filter((g) => isAttackGroup(g.group));
  const xstest = groups.filter((g) => !isAttackGroup(g.group));
  const guard = folds.flatMap((f) =>
    f.references.filter((x) => x.judge === LLAMA_GUARD_1).map((x) => x.report),
  );
  return [
    ...(folds.length > 0
      ? [{ judge: "harm:learned", dataset: HARM, ...pooledAgreement(folds.map((f) => f.ours)) }]
      : []),
    ...(xstest.length > 0
      ? [{ judge: "harm:learned", dataset: HARM_XSTEST, ...pooledAgreement(xstest.map((f) => f.ours)) }]
      : []),
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

async function measurements(judges: readonly string[], options: LoadOptions): Promise<Measurement[]> {
  const out: Measurement[] = [];
  if (judges.includes("refusal:learned")) {
    const rows = await loadXSTestCompletions(options);
    // One item per held-out model: a kill mid-way keeps the folds already measured.
    out.push({
      judge: "refusal:learned",
      fingerprint: { version: SHIPPED_REFUSAL.version, rows },
      items: xstestModels(rows).map((model) => ({
        id: model,
        measure: () => refusalCrossval(rows, { only: [model] })[0],
      })),
      rows: (folds) => refusalCalibrationRows(folds as ModelCrossval[]),
    });
  }
  if (judges.includes("harm:learned")) {
    const rows = await loadHarmRows(options);
    out.push({
      judge: "harm:learned",
      fingerprint: { version: SHIPPED_HARM.version, rows },
      items: [{ id: "all", measure: () => harmCrossval(rows) }],
      rows: ([result]) => harmCalibrationRows(result as Parameters<typeof harmCalibrationRows>[0]),
    });
  }
  return out;
}

/**
 * Measures the shipped learned judges the cycle used against human (or published-judge) labels in the shared
 * datasets, by the same cross-validation as `breakfix judge crossval --no-nested` (the shipped settings on every fold; the nested run, which also chooses them per fold, is several times slower); judges without a labelled set here are
 * left out. Slow (tens of seconds per judge on two cores), so with a store each fold's result is kept as it
 * finishes, in a `calibration` run keyed by the judge, its shipped version and a hash of the labelled rows:
 * a kill mid-way redoes only the unfinished folds, and a finished calibration is reused.
 */
export async function measureJudgeCalibration(
  judges: readonly string[],
  options: LoadOptions,
  cache?: { store: Store; progress?: Progress },
): Promise<JudgeCalibrationRow[]> {
  return measureCalibrations(await measurements(judges, options), cache ?? {});
}
