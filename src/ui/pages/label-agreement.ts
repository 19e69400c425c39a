import { type AgreementReport, agreementReport, LABEL_SPACES } from "../../judges/index.js";
import type { Store, StoredLabel, StoredScore } from "../../store/index.js";
import { classesOf, promptOf, sampleKey, scoresByKey, type UiLabelSpace, verdictsOf } from "./label-queue.js";

export interface JudgeAgreement {
  judge: string;
  report: AgreementReport;
}

export interface LabelAgreement {
  space: UiLabelSpace;
  /** Labels counted (every labeller's, unless one is named). */
  labels: number;
  /** One entry per judge that has a say in the space on some labelled sample, by judge id. */
  judges: JudgeAgreement[];
}

function labelsWithScores(
  store: Store,
  space: UiLabelSpace,
  labeller?: string,
): { label: StoredLabel; scores: StoredScore[] }[] {
  const classes = classesOf(space);
  const labels = store.labels.list({ space, labeller }).filter((l) => classes.includes(l.label));
  const byRun = new Map<string, Map<string, StoredScore[]>>();
  return labels.map((label) => {
    let scores = byRun.get(label.runId);
    if (!scores) {
      scores = scoresByKey(store, label.runId);
      byRun.set(label.runId, scores);
    }
    return { label, scores: scores.get(sampleKey(label)) ?? [] };
  });
}

/**
 * Each judge's agreement with the human labels so far (accuracy, Cohen's kappa, confusion matrix), from
 * the judges' stored verdicts on the labelled generations. A judge is compared on the samples it scored;
 * a verdict outside the space counts as `unknown`, as in `judge calibrate`.
 */
export function labelAgreement(store: Store, space: UiLabelSpace, labeller?: string): LabelAgreement {
  const rows = labelsWithScores(store, space, labeller);
  const pairs = new Map<string, { truth: string; predicted: string }[]>();
  const hasSay = new Set<string>();
  for (const { label, scores } of rows) {
    for (const v of verdictsOf(scores, space)) {
      if (v.inSpace !== "unknown") hasSay.add(v.judge);
      pairs.set(v.judge, [...(pairs.get(v.judge) ?? []), { truth: label.label, predicted: v.inSpace }]);
    }
  }
  const { classes, positive } = LABEL_SPACES[space];
  const judges = [...pairs]
    .filter(([judge]) => hasSay.has(judge))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([judge, p]) => ({ judge, report: agreementReport(p, classes, positive) }));
  return { space, labels: rows.length, judges };
}

/** A row of the export: the generic columns `judge calibrate` detects, and where the label came from. */
export interface ExportRow {
  prompt: string;
  response: string;
  label: string;
  labeller: string;
  labelled_at: string;
  run_id: string;
  item_id: string;
  attempt: number;
  turn: number;
}

/** The labels of a space as rows `breakfix judge calibrate --labels <file>.jsonl` reads (whole replies). */
export function exportRows(store: Store, space: UiLabelSpace, labeller?: string): ExportRow[] {
  return labelsWithScores(store, space, labeller).flatMap(({ label: l }) => {
    const g = store.generations.get(l.runId, l.itemId, l.attempt, l.turn);
    if (g?.status !== "ok" || g.text === undefined) return [];
    return [
      {
        prompt: promptOf(g),
        response: g.text,
        label: l.label,
        labeller: l.labeller,
        labelled_at: l.updatedAt,
        run_id: l.runId,
        item_id: l.itemId,
        attempt: l.attempt,
        turn: l.turn,
      },
    ];
  });
}

/** JSONL, one row a line: the file `judge calibrate` reads by its `.jsonl` name. */
export const toJsonl = (rows: readonly ExportRow[]): string =>
  rows.map((r) => `${JSON.stringify(r)}\n`).join("");
