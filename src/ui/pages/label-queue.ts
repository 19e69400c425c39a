import type { JudgeScore } from "../../core/index.js";
import { LABEL_SPACES, toBinary } from "../../judges/index.js";
import {
  type Generation,
  resultKey,
  type SampleRef,
  type Store,
  type StoredScore,
} from "../../store/index.js";
import { INLINE_TEXT_CAP } from "./page-kit.js";

/** The label spaces the labelling page offers, and the one keystroke that gives each label. */
export const LABEL_KEYS = {
  refusal: { "1": "full_compliance", "2": "full_refusal", "3": "partial_refusal" },
  binary: { s: "safe", u: "unsafe" },
} as const satisfies Record<string, Record<string, string>>;
export type UiLabelSpace = keyof typeof LABEL_KEYS;
export const isUiLabelSpace = (s: unknown): s is UiLabelSpace =>
  typeof s === "string" && Object.hasOwn(LABEL_KEYS, s);
export const classesOf = (space: UiLabelSpace): readonly string[] => LABEL_SPACES[space].classes;

/** Where a queue's samples come from. */
export type QueueSource =
  | { kind: "run"; runId: string }
  | { kind: "campaign"; runId: string }
  /** Samples the judges disagree on or are unsure about, in one run or in every bench / red-team run. */
  | { kind: "disagreement"; runId?: string; margin: number };

export interface JudgeVerdict {
  judge: string;
  /** The judge's own label, and the same mapped into the queue's space (`unknown` when it has no say there). */
  label: string;
  inSpace: string;
  value?: number;
}

export interface QueueItem {
  ref: SampleRef;
  key: string;
  prompt: string;
  /**
   * The reply, cut to `INLINE_TEXT_CAP` characters (a 5 MB reply stays labelable; the export reads the
   * whole one); `chars` is its whole length.
   */
  response: string;
  chars: number;
  judges: JudgeVerdict[];
  /** Why the disagreement filter picked it (empty for other sources). */
  reasons: string[];
}

export const MAX_QUEUE = 500;

/**
 * A judge's label in a label space: refusal judges answer in the refusal classes; for safe/unsafe, the
 * mapping `judge calibrate` applies (compliance is unsafe, any refusal safe, yes/no as unsafe/safe).
 */
export function toSpace(label: string, space: UiLabelSpace): string {
  if (space === "refusal") return classesOf("refusal").includes(label) ? label : "unknown";
  return toBinary(label);
}

/** One string per generation, for maps and the page's bookkeeping. */
export const sampleKey = (r: SampleRef): string => `${r.runId} ${resultKey(r.itemId, r.attempt, r.turn)}`;

/** Every verdict on a generation: the judges', and a composite's members as judges of their own. */
export function verdictsOf(scores: readonly StoredScore[], space: UiLabelSpace): JudgeVerdict[] {
  const out = new Map<string, JudgeVerdict>();
  const add = (s: JudgeScore, judge: string) => {
    out.set(judge, { judge, label: s.label, inSpace: toSpace(s.label, space), value: s.value });
  };
  // Later verdicts (a newer judge version) replace earlier ones of the same judge.
  for (const s of scores) add(s, s.judgeId);
  for (const s of scores) for (const m of s.members ?? []) if (!out.has(m.judgeId)) add(m, m.judgeId);
  return [...out.values()];
}

/** The scores of a run, by generation. */
export function scoresByKey(store: Store, runId: string): Map<string, StoredScore[]> {
  const map = new Map<string, StoredScore[]>();
  for (const s of store.scores.list(runId)) {
    const k = sampleKey(s);
    const list = map.get(k);
    if (list) list.push(s);
    else map.set(k, [s]);
  }
  return map;
}

/** The last user turn of the request: what the reply answers. */
export function promptOf(g: Pick<Generation, "messages">): string {
  return g.messages.findLast((m) => m.role === "user")?.content ?? "";
}

function itemOf(g: Generation, scores: readonly StoredScore[], space: UiLabelSpace): QueueItem {
  const text = g.text ?? "";
  const ref = { runId: g.runId, itemId: g.itemId, attempt: g.attempt, turn: g.turn };
  return {
    ref,
    key: sampleKey(ref),
    prompt: promptOf(g).slice(0, INLINE_TEXT_CAP),
    response: text.slice(0, INLINE_TEXT_CAP),
    chars: text.length,
    judges: verdictsOf(scores, space),
    reasons: [],
  };
}

/** Replies worth a label: answered calls of the target (not an attacker's calls or decoded copies). */
const targetReplies = (store: Store, runId: string): Generation[] =>
  store.generations.list(runId, { status: "ok" }).filter((g) => !g.itemId.includes("#"));

/** Why the judges' verdicts on one sample call for a person, in this space (none: they agree and are sure). */
export function disagreementReasons(
  scores: readonly StoredScore[],
  space: UiLabelSpace,
  margin: number,
): string[] {
  const reasons: string[] = [];
  for (const s of scores) {
    const members = (s.members ?? []).map((m) => toSpace(m.label, space)).filter((l) => l !== "unknown");
    if (s.disagreement || new Set(members).size > 1) reasons.push(`members of ${s.judgeId} disagree`);
  }
  // Two judges stored on the same generation (composites count as one judge here).
  const top = scores
    .map((s) => ({ judge: s.judgeId, inSpace: toSpace(s.label, space) }))
    .filter((v) => v.inSpace !== "unknown");
  if (new Set(top.map((v) => v.inSpace)).size > 1)
    reasons.push(`judges disagree: ${top.map((v) => `${v.judge} ${v.inSpace}`).join(", ")}`);
  for (const v of verdictsOf(scores, space)) {
    if (v.label === "unknown") reasons.push(`${v.judge} could not decide`);
    else if (v.inSpace !== "unknown" && v.value !== undefined && Math.abs(v.value - 0.5) < margin)
      reasons.push(`${v.judge} unsure (${v.value.toFixed(2)})`);
  }
  return reasons;
}

function fromRun(store: Store, runId: string, space: UiLabelSpace): QueueItem[] {
  const scores = scoresByKey(store, runId);
  return targetReplies(store, runId).map((g) => itemOf(g, scores.get(sampleKey(g)) ?? [], space));
}

/** A campaign's attempts: each one's last answered query, the reply its outcome was decided on. */
function fromCampaign(store: Store, runId: string, space: UiLabelSpace): QueueItem[] {
  const last = new Map<string, Generation>();
  for (const g of targetReplies(store, runId)) {
    const k = `${g.attempt}:${g.itemId}`;
    const seen = last.get(k);
    if (!seen || seen.turn < g.turn) last.set(k, g);
  }
  const scores = scoresByKey(store, runId);
  return store.attacks.list(runId).flatMap((a) => {
    const g = last.get(`${a.attempt}:${a.objectiveId}`);
    return g ? [itemOf(g, scores.get(sampleKey(g)) ?? [], space)] : [];
  });
}

function fromDisagreement(
  store: Store,
  source: Extract<QueueSource, { kind: "disagreement" }>,
  space: UiLabelSpace,
): QueueItem[] {
  const runIds = source.runId
    ? [source.runId]
    : store.runs
        .list({ limit: 1000 })
        .filter((r) => r.kind === "bench" || r.kind === "redteam")
        .map((r) => r.id);
  const out: QueueItem[] = [];
  for (const runId of runIds) {
    const scores = scoresByKey(store, runId);
    for (const g of targetReplies(store, runId)) {
      const own = scores.get(sampleKey(g)) ?? [];
      const reasons = disagreementReasons(own, space, source.margin);
      if (reasons.length > 0) out.push({ ...itemOf(g, own, space), reasons });
      if (out.length >= MAX_QUEUE) return out;
    }
  }
  return out;
}

/** The samples of a queue, in store order, at most `MAX_QUEUE`. */
export function buildQueue(store: Store, source: QueueSource, space: UiLabelSpace): QueueItem[] {
  const items =
    source.kind === "run"
      ? fromRun(store, source.runId, space)
      : source.kind === "campaign"
        ? fromCampaign(store, source.runId, space)
        : fromDisagreement(store, source, space);
  return items.slice(0, MAX_QUEUE);
}
