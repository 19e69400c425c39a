import type { Run, Store, StoredAttack } from "../../store/index.js";

/**
 * One thing a run measured, as the runs pages list and filter it: a bench sample (all its calls) or a
 * red-team attempt. Only metadata: the texts are read on the transcript page, behind a content warning.
 */
export interface RunRow {
  runId: string;
  kind: "sample" | "attempt";
  /** The sample's item id, or the attempt's row id. */
  key: string;
  /** What the table shows as its name: the sample id, or `objective #attempt`. */
  label: string;
  suite?: string;
  harmArea?: string;
  /** Red-team: strategy, converter chain and template (`converter-chain:prefix-injection`). */
  technique?: string;
  language?: string;
  /** User turns in the conversation. */
  turns: number;
  /** Bench: the first judge's label on the last reply; red-team: success / failure / error. */
  outcome?: string;
}

export const ROW_FILTERS = ["suite", "harmArea", "technique", "language", "turns", "outcome"] as const;
export type RowFilter = Partial<Record<(typeof ROW_FILTERS)[number], string>>;

export const FILTER_LABELS: Record<(typeof ROW_FILTERS)[number], string> = {
  suite: "Suite",
  harmArea: "Harm area",
  technique: "Technique",
  language: "Language",
  turns: "Turn depth",
  outcome: "Outcome",
};

/** The filters given in a query string (empty values are no filter). */
export function rowFilterOf(query: Record<string, string>): RowFilter {
  const out: RowFilter = {};
  for (const k of ROW_FILTERS) {
    const v = query[k]?.trim();
    if (v) out[k] = v;
  }
  return out;
}

export function matches(row: RunRow, filter: RowFilter): boolean {
  return ROW_FILTERS.every((k) => {
    const want = filter[k];
    return want === undefined || String(row[k] ?? "") === want;
  });
}

export function techniqueOf(a: Pick<StoredAttack, "strategy" | "converters" | "template">): string {
  if (a.template) return `${a.strategy}:${a.template.replace(/^template:/, "")}`;
  return a.converters.length > 0 ? `${a.strategy}:${a.converters.join("+")}` : a.strategy;
}

function attemptRows(store: Store, run: Run): RunRow[] {
  const suite = typeof run.config["persona"] === "object" ? personaId(run.config["persona"]) : undefined;
  return store.attacks.summaries(run.id).map((a) => ({
    runId: run.id,
    kind: "attempt",
    key: String(a.id),
    label: `${a.objectiveId} #${a.attempt}`,
    ...(suite !== undefined && { suite }),
    ...(a.harmArea !== undefined && { harmArea: a.harmArea }),
    technique: techniqueOf(a),
    ...(a.language !== undefined && { language: a.language }),
    turns: a.userTurns,
    outcome: a.outcome,
  }));
}

function personaId(persona: unknown): string | undefined {
  const id = (persona as { id?: unknown }).id;
  return typeof id === "string" ? id : undefined;
}

interface SamplePayload {
  suite?: string;
  harmArea?: string;
  language?: string;
}

function sampleRows(store: Store, run: Run): RunRow[] {
  const lastLabel = new Map<string, { at: number; label: string }>();
  for (const s of store.scores.list(run.id)) {
    const at = s.attempt * 10_000 + s.turn;
    const seen = lastLabel.get(s.itemId);
    if (!seen || at > seen.at) lastLabel.set(s.itemId, { at, label: s.label });
  }
  const turns = new Map<string, number>();
  for (const g of store.generations.outcomes(run.id))
    turns.set(g.itemId, Math.max(turns.get(g.itemId) ?? 0, g.turn + 1));
  return store.items.list<SamplePayload>(run.id).map((item) => {
    const p = item.payload ?? {};
    const outcome = lastLabel.get(item.itemId)?.label ?? (item.status === "done" ? undefined : item.status);
    return {
      runId: run.id,
      kind: "sample",
      key: item.itemId,
      label: item.itemId,
      ...(typeof p.suite === "string" && { suite: p.suite }),
      ...(typeof p.harmArea === "string" && { harmArea: p.harmArea }),
      ...(typeof p.language === "string" && { language: p.language }),
      turns: turns.get(item.itemId) ?? 0,
      ...(outcome !== undefined && { outcome }),
    };
  });
}

/** What a run measured, row by row: attempts for a campaign, samples for anything else with items. */
export function runRows(store: Store, run: Run): RunRow[] {
  if (run.kind === "redteam") return attemptRows(store, run);
  if (run.kind === "bench") return sampleRows(store, run);
  return [];
}

/** Every distinct value of each filter in the rows, sorted: the choices the filter form offers. */
export function filterChoices(rows: readonly RunRow[]): Record<(typeof ROW_FILTERS)[number], string[]> {
  const out = Object.fromEntries(ROW_FILTERS.map((k) => [k, new Set<string>()])) as Record<
    (typeof ROW_FILTERS)[number],
    Set<string>
  >;
  for (const r of rows) for (const k of ROW_FILTERS) if (r[k] !== undefined) out[k].add(String(r[k]));
  return Object.fromEntries(
    ROW_FILTERS.map((k) => [k, [...out[k]].sort((a, b) => a.localeCompare(b, "en", { numeric: true }))]),
  ) as Record<(typeof ROW_FILTERS)[number], string[]>;
}
