import { BreakfixError, type JudgeScore, UNKNOWN_LABEL } from "../core/index.js";
import { resultKey } from "./generations.js";
import { clean, fromJson, nowIso, opt, toJsonOrNull } from "./json.js";
import type { Db, Statement } from "./sqlite.js";

/** A verdict to record on the generation (run, item, attempt, turn). */
export interface ScoreInput {
  runId: string;
  itemId: string;
  attempt: number;
  turn?: number;
  score: JudgeScore;
  /** Hash of the judge's prompt template, so verdicts from an edited prompt can be told apart. */
  promptHash?: string;
}

export interface StoredScore extends JudgeScore {
  id: number;
  runId: string;
  itemId: string;
  attempt: number;
  turn: number;
  promptHash?: string;
  createdAt: string;
}

interface ScoreRowDb {
  id: number;
  run_id: string;
  item_id: string;
  attempt: number;
  turn: number;
  judge_id: string;
  judge_version: string;
  prompt_hash: string | null;
  label: string;
  severity: number | null;
  value: number | null;
  harm_area: string | null;
  rationale: string | null;
  error: string | null;
  raw: string | null;
  injection_suspected: number;
  members: string | null;
  disagreement: number | null;
  created_at: string;
}

/** The insert behind `put`, and its parameters for one verdict: shared with the background result writer. */
export const INSERT_SCORE_SQL = `INSERT INTO scores (run_id, item_id, attempt, turn, judge_id, judge_version, prompt_hash,
   label, severity, value, harm_area, rationale, error, raw, injection_suspected, members, disagreement, created_at)
 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
 ON CONFLICT (run_id, item_id, attempt, turn, judge_id, judge_version) DO NOTHING`;

/** Throws INTERNAL for an `unknown` verdict without a reason: it must never be stored as if decided. */
export function scoreRow(s: ScoreInput, createdAt = nowIso()): unknown[] {
  const v = s.score;
  if (v.label === UNKNOWN_LABEL && !v.error)
    throw new BreakfixError("INTERNAL", `judge ${v.judgeId} returned "${UNKNOWN_LABEL}" without a reason`);
  return [
    s.runId,
    s.itemId,
    s.attempt,
    s.turn ?? 0,
    v.judgeId,
    v.judgeVersion,
    s.promptHash ?? null,
    v.label,
    v.severity ?? null,
    v.value ?? null,
    v.harmArea ?? null,
    clean(v.rationale),
    clean(v.error),
    clean(v.raw),
    v.injectionSuspected ? 1 : 0,
    toJsonOrNull(v.members),
    v.disagreement === undefined ? null : v.disagreement ? 1 : 0,
    createdAt,
  ];
}

/**
 * Judge verdicts. Keyed by (run, item, attempt, turn, judge id, judge version): a resumed run does not score
 * twice (first write wins), while a new judge version adds its own verdicts next to the old ones.
 */
export function createScoreRepo(db: Db, stmt: (sql: string) => Statement) {
  const put = (s: ScoreInput): boolean => stmt(INSERT_SCORE_SQL).run(...scoreRow(s)).changes === 1;

  return {
    /** Records one verdict; false when this judge version already scored that generation. */
    put,

    /** Records many verdicts in one transaction; returns how many were new. */
    putMany(rows: readonly ScoreInput[]): number {
      return db.transaction(() => rows.filter(put).length)();
    },

    list(runId: string, filter: { itemId?: string; judgeId?: string } = {}): StoredScore[] {
      const rows = stmt(
        `SELECT * FROM scores WHERE run_id = @runId
           AND (@itemId IS NULL OR item_id = @itemId) AND (@judgeId IS NULL OR judge_id = @judgeId)
         ORDER BY id`,
      ).all({ runId, itemId: filter.itemId ?? null, judgeId: filter.judgeId ?? null }) as ScoreRowDb[];
      return rows.map(toScore);
    },

    /** `resultKey`s this judge (any version unless given) has already scored in the run. */
    doneKeys(runId: string, judgeId: string, judgeVersion?: string): Set<string> {
      const rows = stmt(
        `SELECT item_id, attempt, turn FROM scores
         WHERE run_id = @runId AND judge_id = @judgeId AND (@version IS NULL OR judge_version = @version)`,
      ).all({ runId, judgeId, version: judgeVersion ?? null }) as {
        item_id: string;
        attempt: number;
        turn: number;
      }[];
      return new Set(rows.map((r) => resultKey(r.item_id, r.attempt, r.turn)));
    },
  };
}

export type ScoreRepo = ReturnType<typeof createScoreRepo>;

function toScore(r: ScoreRowDb): StoredScore {
  return {
    id: r.id,
    runId: r.run_id,
    itemId: r.item_id,
    attempt: r.attempt,
    turn: r.turn,
    promptHash: opt(r.prompt_hash),
    judgeId: r.judge_id,
    judgeVersion: r.judge_version,
    label: r.label,
    severity: opt(r.severity),
    value: opt(r.value),
    harmArea: opt(r.harm_area),
    rationale: opt(r.rationale),
    error: opt(r.error),
    raw: opt(r.raw),
    injectionSuspected: r.injection_suspected === 1,
    members: fromJson<JudgeScore[]>(r.members),
    disagreement: r.disagreement === null ? undefined : r.disagreement === 1,
    createdAt: r.created_at,
  };
}
