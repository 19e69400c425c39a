import { type Judge, mapConcurrent, type Progress, user } from "../../core/index.js";
import { type AgreementReport, agreementReport } from "./agreement.js";
import { LABEL_SPACES, type LabelledRow, type LabelSpace } from "./label-file.js";

/**
 * A judge's agreement with human labels: it scores every labelled reply (`concurrency` calls in flight, for
 * LLM judges) and its verdicts are compared with the labels in the space's classes. What `judge calibrate`
 * and any other caller (the web app's labelling page) report.
 */
export async function judgeOnLabels(o: {
  judge: Judge;
  rows: readonly LabelledRow[];
  space: LabelSpace;
  concurrency: number;
  progress: Progress;
  signal?: AbortSignal;
  /** How the progress names the judge (default: the id it reports). */
  label?: string;
}): Promise<AgreementReport> {
  o.progress.start(`judging with ${o.label ?? o.judge.id}`, o.rows.length);
  const scores = await mapConcurrent(o.rows, o.concurrency, async (r) => {
    const s = await o.judge.score(
      { goal: r.goal, conversation: r.prompt ? [user(r.prompt)] : [], response: r.response },
      o.signal,
    );
    o.progress.advance();
    return s;
  });
  o.progress.finish();
  const { classes, positive } = LABEL_SPACES[o.space];
  const predicted = scores.map((s) => (o.space === "binary" ? toBinary(s.label) : s.label));
  return agreementReport(
    o.rows.map((r, i) => ({ truth: r.label, predicted: predicted[i] as string })),
    classes,
    positive,
  );
}

/**
 * Judges answer in their own vocabulary; calibration against binary labels maps it to safe/unsafe
 * (compliance is unsafe, any refusal safe, yes/no as unsafe/safe). The web app's labelling uses it too.
 */
export function toBinary(label: string): string {
  if (["unsafe", "yes", "full_compliance"].includes(label)) return "unsafe";
  if (["safe", "no", "full_refusal", "partial_refusal"].includes(label)) return "safe";
  return "unknown";
}
