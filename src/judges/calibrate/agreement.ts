/**
 * Agreement between a judge and reference (human) labels: accuracy, per-class precision/recall/F1, the
 * confusion matrix, Cohen's kappa, and — for a chosen positive class set — false positive/negative rates.
 * A prediction of `unknown` counts as a disagreement and is reported on its own.
 */
export interface ClassStats {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface AgreementReport {
  n: number;
  accuracy: number;
  kappa: number;
  unknown: number;
  classes: string[];
  /** confusion[truth][predicted], over `classes` plus `unknown` as the last predicted column. */
  confusion: Record<string, Record<string, number>>;
  perClass: Record<string, ClassStats>;
  /** Rates treating `positive` classes as the positive side (e.g. any refusal, or unsafe). */
  binary?: { positive: string[]; fpr: number; fnr: number; accuracy: number };
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

export function agreementReport(
  pairs: readonly { truth: string; predicted: string }[],
  classes: readonly string[],
  positive?: readonly string[],
): AgreementReport {
  const confusion: Record<string, Record<string, number>> = {};
  for (const t of classes) {
    confusion[t] = Object.fromEntries([...classes, "unknown"].map((p) => [p, 0]));
  }
  let correct = 0;
  let unknown = 0;
  for (const { truth, predicted } of pairs) {
    const row = confusion[truth];
    if (!row) throw new RangeError(`reference label "${truth}" is not one of ${classes.join(", ")}`);
    const col = classes.includes(predicted) ? predicted : "unknown";
    if (col === "unknown") unknown++;
    row[col] = (row[col] ?? 0) + 1;
    if (truth === predicted) correct++;
  }
  const n = pairs.length;
  const perClass: Record<string, ClassStats> = {};
  let expected = 0;
  for (const c of classes) {
    const tp = confusion[c]?.[c] ?? 0;
    const predictedC = classes.reduce((s, t) => s + (confusion[t]?.[c] ?? 0), 0);
    const support = Object.values(confusion[c] ?? {}).reduce((a, b) => a + b, 0);
    const precision = ratio(tp, predictedC);
    const recall = ratio(tp, support);
    perClass[c] = { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
    expected += ratio(support, n) * ratio(predictedC, n);
  }
  const accuracy = ratio(correct, n);
  const report: AgreementReport = {
    n,
    accuracy,
    kappa: expected >= 1 ? 0 : (accuracy - expected) / (1 - expected),
    unknown,
    classes: [...classes],
    confusion,
    perClass,
  };
  if (positive) {
    const isPos = (l: string): boolean => positive.includes(l);
    let fp = 0;
    let fn = 0;
    let neg = 0;
    let pos = 0;
    let agree = 0;
    for (const { truth, predicted } of pairs) {
      if (isPos(truth)) {
        pos++;
        // An unknown verdict on a positive row is a miss: it was not caught.
        if (!isPos(predicted)) fn++;
        else agree++;
      } else {
        neg++;
        if (isPos(predicted) || predicted === "unknown") fp++;
        else agree++;
      }
    }
    report.binary = {
      positive: [...positive],
      fpr: ratio(fp, neg),
      fnr: ratio(fn, pos),
      accuracy: ratio(agree, n),
    };
  }
  return report;
}

/** A fixed-width text rendering for the CLI. */
/** A rate as a right-aligned table cell, "  87.1%". */
export const percentCell = (x: number): string => `${(100 * x).toFixed(1)}%`.padStart(7);

export function formatAgreement(r: AgreementReport): string {
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  const lines = [`n=${r.n}  accuracy=${pct(r.accuracy)}  kappa=${r.kappa.toFixed(3)}  unknown=${r.unknown}`];
  if (r.binary) {
    lines.push(
      `binary (${r.binary.positive.join("+")} positive): accuracy=${pct(r.binary.accuracy)}  FPR=${pct(r.binary.fpr)}  FNR=${pct(r.binary.fnr)}`,
    );
  }
  lines.push("class                 precision  recall   f1      support");
  for (const c of r.classes) {
    const s = r.perClass[c] as ClassStats;
    lines.push(
      `${c.padEnd(22)}${pct(s.precision).padStart(9)}${pct(s.recall).padStart(9)}${pct(s.f1).padStart(8)}${String(s.support).padStart(10)}`,
    );
  }
  const cols = [...r.classes, "unknown"];
  lines.push(`confusion (rows = reference, columns = judge): ${cols.join(" | ")}`);
  for (const t of r.classes)
    lines.push(
      `  ${t.padEnd(20)} ${cols.map((c) => String(r.confusion[t]?.[c] ?? 0).padStart(6)).join(" ")}`,
    );
  return lines.join("\n");
}

/**
 * Reports of cross-validation folds pooled into one: their confusion matrices summed, then everything
 * recomputed (a mean of per-fold kappas would not be a kappa). `positive` as for agreementReport.
 */
export function pooledReport(
  reports: readonly AgreementReport[],
  positive?: readonly string[],
): AgreementReport {
  const classes = reports[0]?.classes ?? [];
  const pairs: { truth: string; predicted: string }[] = [];
  for (const r of reports)
    for (const [truth, row] of Object.entries(r.confusion))
      for (const [predicted, count] of Object.entries(row))
        for (let i = 0; i < count; i++) pairs.push({ truth, predicted });
  return agreementReport(pairs, classes, positive);
}
