import type { AttackOutcome, AttackResult, JudgeScore, Message } from "../core/index.js";
import { resultKey } from "./generations.js";
import { clean, fromJson, nowIso, opt, toJson } from "./json.js";
import type { Db, Statement } from "./sqlite.js";

export interface StoredAttack extends AttackResult {
  id: number;
  createdAt: string;
}

interface AttackRowDb {
  id: number;
  run_id: string;
  objective_id: string;
  attempt: number;
  strategy: string;
  converters: string;
  template: string | null;
  outcome: AttackOutcome;
  transcript: string;
  queries: number;
  scores: string;
  harm_area: string | null;
  language: string | null;
  error: string | null;
  created_at: string;
}

/**
 * Red-team attempts with their full transcripts. Keyed by (run, objective, attempt); first write wins, so a
 * resumed campaign neither repeats nor loses an attempt.
 */
export function createAttackRepo(db: Db, stmt: (sql: string) => Statement) {
  const put = (a: AttackResult): boolean =>
    stmt(
      `INSERT INTO attack_attempts (run_id, objective_id, attempt, strategy, converters, template, outcome,
         transcript, queries, scores, harm_area, language, error, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, objective_id, attempt) DO NOTHING`,
    ).run(
      a.runId,
      a.objectiveId,
      a.attempt,
      a.strategy,
      toJson(a.converters),
      a.template ?? null,
      a.outcome,
      toJson(a.transcript),
      a.queries,
      toJson(a.scores),
      a.harmArea ?? null,
      a.language ?? null,
      clean(a.error),
      nowIso(),
    ).changes === 1;

  return {
    /** Records one attempt; false when that (run, objective, attempt) was already recorded. */
    put,

    /** Records many attempts in one transaction; returns how many were new. */
    putMany(rows: readonly AttackResult[]): number {
      return db.transaction(() => rows.filter(put).length)();
    },

    list(runId: string, filter: { objectiveId?: string; outcome?: AttackOutcome } = {}): StoredAttack[] {
      const rows = stmt(
        `SELECT * FROM attack_attempts WHERE run_id = @runId
           AND (@objectiveId IS NULL OR objective_id = @objectiveId) AND (@outcome IS NULL OR outcome = @outcome)
         ORDER BY id`,
      ).all({
        runId,
        objectiveId: filter.objectiveId ?? null,
        outcome: filter.outcome ?? null,
      }) as AttackRowDb[];
      return rows.map(toAttack);
    },

    /** `resultKey(objectiveId, attempt)` of every recorded attempt in the run. */
    doneKeys(runId: string): Set<string> {
      const rows = stmt("SELECT objective_id, attempt FROM attack_attempts WHERE run_id = ?").all(runId) as {
        objective_id: string;
        attempt: number;
      }[];
      return new Set(rows.map((r) => resultKey(r.objective_id, r.attempt)));
    },
  };
}

export type AttackRepo = ReturnType<typeof createAttackRepo>;

function toAttack(r: AttackRowDb): StoredAttack {
  return {
    id: r.id,
    runId: r.run_id,
    objectiveId: r.objective_id,
    attempt: r.attempt,
    strategy: r.strategy,
    converters: fromJson<string[]>(r.converters),
    template: opt(r.template),
    outcome: r.outcome,
    transcript: fromJson<Message[]>(r.transcript),
    queries: r.queries,
    scores: fromJson<JudgeScore[]>(r.scores),
    harmArea: opt(r.harm_area),
    language: opt(r.language),
    error: opt(r.error),
    createdAt: r.created_at,
  };
}
