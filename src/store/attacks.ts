import type { AttackOutcome, AttackResult, JudgeScore, Message } from "../core/index.js";
import { resultKey } from "./generations.js";
import { itemStatusRow, SET_ITEM_STATUS_SQL } from "./items.js";
import { clean, fromJson, nowIso, opt, toJson } from "./json.js";
import type { Db, Statement } from "./sqlite.js";

export interface StoredAttack extends AttackResult {
  id: number;
  createdAt: string;
}

/** An attempt without its transcript and scores, for pages that list many: its user turns counted. */
export type AttackSummary = Omit<StoredAttack, "transcript" | "scores" | "error"> & { userTurns: number };

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

    /**
     * The run's attempts without their transcripts and scores, oldest first: the user turns are counted by
     * SQLite, so a list of tens of thousands of long transcripts is not parsed in JavaScript.
     */
    summaries(runId: string): AttackSummary[] {
      const rows = stmt(
        `SELECT id, run_id, objective_id, attempt, strategy, converters, template, outcome, queries, harm_area,
           language, created_at,
           (SELECT count(*) FROM json_each(transcript) WHERE json_extract(value, '$.role') = 'user') AS user_turns
         FROM attack_attempts WHERE run_id = ? ORDER BY id`,
      ).all(runId) as (AttackMetaRow & { user_turns: number })[];
      return rows.map((r) => ({ ...attackMeta(r), userTurns: r.user_turns }));
    },

    /**
     * Forgets the attempts that ended in an error so a resumed campaign runs them again: their attack rows,
     * and the generations and scores kept for that attempt under the objective's id and under the id plus
     * each of `itemSuffixes` (the attacker's calls, ...), and marks their objectives pending. One transaction, so a kill leaves all or none of it.
     * `keepBroken` leaves alone objectives some attempt already broke (a persona that stops on success would
     * not run the step again). Returns how many attempts were forgotten.
     */
    forgetErrored(
      runId: string,
      options: { keepBroken?: boolean; itemSuffixes?: readonly string[] } = {},
    ): number {
      return db.transaction(() => {
        const rows = stmt(
          `SELECT objective_id, attempt FROM attack_attempts a WHERE run_id = @runId AND outcome = 'error'
             AND NOT (@keepBroken AND EXISTS (SELECT 1 FROM attack_attempts b WHERE b.run_id = a.run_id
               AND b.objective_id = a.objective_id AND b.outcome = 'success'))`,
        ).all({ runId, keepBroken: options.keepBroken ? 1 : 0 }) as {
          objective_id: string;
          attempt: number;
        }[];
        const now = nowIso();
        for (const { objective_id: objective, attempt } of rows) {
          stmt("DELETE FROM attack_attempts WHERE run_id = ? AND objective_id = ? AND attempt = ?").run(
            runId,
            objective,
            attempt,
          );
          for (const itemId of [objective, ...(options.itemSuffixes ?? []).map((s) => objective + s)]) {
            for (const table of ["generations", "scores"]) {
              stmt(`DELETE FROM ${table} WHERE run_id = ? AND item_id = ? AND attempt = ?`).run(
                runId,
                itemId,
                attempt,
              );
            }
          }
          stmt(SET_ITEM_STATUS_SQL).run(...itemStatusRow(runId, objective, "pending", null, now));
        }
        return rows.length;
      })();
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

type AttackMetaRow = Omit<AttackRowDb, "transcript" | "scores" | "error">;

/** The fields of an attempt a list shows: all but its transcript, scores and error. */
function attackMeta(r: AttackMetaRow): Omit<StoredAttack, "transcript" | "scores" | "error"> {
  return {
    id: r.id,
    runId: r.run_id,
    objectiveId: r.objective_id,
    attempt: r.attempt,
    strategy: r.strategy,
    converters: fromJson<string[]>(r.converters),
    template: opt(r.template),
    outcome: r.outcome,
    queries: r.queries,
    harmArea: opt(r.harm_area),
    language: opt(r.language),
    createdAt: r.created_at,
  };
}

function toAttack(r: AttackRowDb): StoredAttack {
  return {
    ...attackMeta(r),
    transcript: fromJson<Message[]>(r.transcript),
    scores: fromJson<JudgeScore[]>(r.scores),
    error: opt(r.error),
  };
}
