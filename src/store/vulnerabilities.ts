import type { Vulnerability, VulnerabilityKey, VulnerabilityStatus } from "../core/index.js";
import { fromJson, nowIso, opt, toJson } from "./json.js";
import type { Db, Statement } from "./sqlite.js";

export interface VulnerabilityFilter {
  scope?: string;
  /** One round; when absent, each vulnerability's latest round (per scope). */
  round?: number;
  status?: VulnerabilityStatus;
  id?: string;
}

interface VulnerabilityRowDb {
  scope: string;
  round: number;
  id: string;
  key: string;
  status: VulnerabilityStatus;
  first_seen_round: number;
  last_broken_round: number | null;
  severity: number;
  prevalence: number;
  attempts: number;
  successes: number;
  errors: number;
  asr: number;
  score: number;
  finding_ids: string;
}

/** The same order as the vuln stage's ranking (score, unfixed first, severity, prevalence, attempts). */
const ORDER =
  "ORDER BY score DESC, status = 'fixed', severity DESC, prevalence DESC, attempts DESC, scope, round, id";

/**
 * Per-round vulnerability snapshots, keyed (scope, round, id). A round is written whole: `replaceRound`
 * deletes that round's rows and inserts the new ones in one transaction, so identifying a round again gives
 * the same rows and never duplicates (the one table where the last write wins for a whole round).
 */
export function createVulnerabilityRepo(db: Db, stmt: (sql: string) => Statement) {
  const insert = (v: Vulnerability): void => {
    stmt(
      `INSERT INTO vulnerabilities (scope, round, id, key, status, first_seen_round, last_broken_round, severity,
         prevalence, attempts, successes, errors, asr, score, finding_ids, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      v.scope,
      v.round,
      v.id,
      toJson(v.key),
      v.status,
      v.firstSeenRound,
      v.lastBrokenRound ?? null,
      v.severity,
      v.prevalence,
      v.attempts,
      v.successes ?? 0,
      v.errors ?? 0,
      v.asr,
      v.score,
      toJson(v.findingIds),
      nowIso(),
    );
  };

  return {
    /** Replaces the snapshot of (scope, round) with `rows`; returns how many were written. */
    replaceRound(scope: string, round: number, rows: readonly Vulnerability[]): number {
      return db.transaction(() => {
        stmt("DELETE FROM vulnerabilities WHERE scope = ? AND round = ?").run(scope, round);
        for (const v of rows) insert({ ...v, scope, round });
        return rows.length;
      })();
    },

    /** Worst first (score, then severity, prevalence, attempts). */
    list(filter: VulnerabilityFilter = {}): Vulnerability[] {
      const latestOnly = filter.round === undefined;
      const rows = stmt(
        `SELECT * FROM vulnerabilities v
         WHERE (@scope IS NULL OR scope = @scope) AND (@id IS NULL OR id = @id)
           AND (@round IS NULL OR round = @round) AND (@status IS NULL OR status = @status)
           AND (@latestOnly = 0 OR round = (SELECT max(round) FROM vulnerabilities l
                                            WHERE l.scope = v.scope AND l.id = v.id))
         ${ORDER}`,
      ).all({
        scope: filter.scope ?? null,
        id: filter.id ?? null,
        round: filter.round ?? null,
        status: filter.status ?? null,
        latestOnly: latestOnly ? 1 : 0,
      }) as VulnerabilityRowDb[];
      return rows.map(toVulnerability);
    },

    /** Each vulnerability of the scope as last recorded in a round before `round`. */
    latestBefore(scope: string, round: number): Vulnerability[] {
      const rows = stmt(
        `SELECT * FROM vulnerabilities v WHERE scope = @scope AND round < @round
           AND round = (SELECT max(round) FROM vulnerabilities l
                        WHERE l.scope = v.scope AND l.id = v.id AND l.round < @round)
         ${ORDER}`,
      ).all({ scope, round }) as VulnerabilityRowDb[];
      return rows.map(toVulnerability);
    },

    /** One snapshot per round, oldest first. */
    history(scope: string, id: string): Vulnerability[] {
      const rows = stmt("SELECT * FROM vulnerabilities WHERE scope = ? AND id = ? ORDER BY round").all(
        scope,
        id,
      ) as VulnerabilityRowDb[];
      return rows.map(toVulnerability);
    },

    /** Scopes with their recorded rounds, ascending. */
    rounds(): { scope: string; round: number; count: number }[] {
      return stmt(
        "SELECT scope, round, count(*) AS count FROM vulnerabilities GROUP BY scope, round ORDER BY scope, round",
      ).all() as { scope: string; round: number; count: number }[];
    },
  };
}

export type VulnerabilityRepo = ReturnType<typeof createVulnerabilityRepo>;

function toVulnerability(r: VulnerabilityRowDb): Vulnerability {
  const lastBrokenRound = opt(r.last_broken_round);
  return {
    id: r.id,
    key: fromJson<VulnerabilityKey>(r.key),
    scope: r.scope,
    round: r.round,
    status: r.status,
    firstSeenRound: r.first_seen_round,
    severity: r.severity,
    prevalence: r.prevalence,
    attempts: r.attempts,
    asr: r.asr,
    score: r.score,
    findingIds: fromJson<string[]>(r.finding_ids),
    successes: r.successes,
    errors: r.errors,
    ...(lastBrokenRound === undefined ? {} : { lastBrokenRound }),
  };
}
