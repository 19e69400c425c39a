import type { Finding, JudgeScore, Message } from "../core/index.js";
import { fromJson, nowIso, opt, toJson } from "./json.js";
import type { Db, Statement } from "./sqlite.js";

export interface StoredFinding extends Finding {
  createdAt: string;
}

export interface FindingFilter {
  runId?: string;
  round?: number;
  harmArea?: string;
  minSeverity?: number;
}

interface FindingRowDb {
  id: string;
  run_id: string;
  origin: Finding["origin"];
  source_id: string;
  harm_area: string;
  technique: string;
  language: string;
  turn_depth: number;
  severity: number;
  transcript: string;
  scores: string;
  round: number | null;
  created_at: string;
}

/** Confirmed breaks. Keyed by the finding's id (derive it from its source); first write wins. */
export function createFindingRepo(db: Db, stmt: (sql: string) => Statement) {
  const put = (f: Finding): boolean =>
    stmt(
      `INSERT INTO findings (id, run_id, origin, source_id, harm_area, technique, language, turn_depth, severity,
         transcript, scores, round, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    ).run(
      f.id,
      f.runId,
      f.origin,
      f.sourceId,
      f.harmArea,
      toJson(f.technique),
      f.language,
      f.turnDepth,
      f.severity,
      toJson(f.transcript),
      toJson(f.scores),
      f.round ?? null,
      nowIso(),
    ).changes === 1;

  return {
    put,

    putMany(rows: readonly Finding[]): number {
      return db.transaction(() => rows.filter(put).length)();
    },

    get(id: string): StoredFinding | undefined {
      const row = stmt("SELECT * FROM findings WHERE id = ?").get(id) as FindingRowDb | undefined;
      return row && toFinding(row);
    },

    /**
     * Manual findings an identification of (scope, round) counts: those no round has counted yet, and those
     * this same scope and round counted before (so identifying a round again gives the same rows).
     */
    listManual(scope: string, round: number): StoredFinding[] {
      const rows = stmt(
        `SELECT * FROM findings WHERE origin = 'manual' AND (round IS NULL OR (round = ? AND scope = ?))
         ORDER BY severity DESC, id`,
      ).all(round, scope) as FindingRowDb[];
      return rows.map(toFinding);
    },

    /** Records that (scope, round) counted these manual findings; other findings are left alone. */
    claimManual(ids: readonly string[], scope: string, round: number): void {
      const claim = stmt(
        "UPDATE findings SET round = ?, scope = ? WHERE id = ? AND origin = 'manual' AND round IS NULL",
      );
      for (const id of ids) claim.run(round, scope, id);
    },

    /** Most severe first. */
    list(filter: FindingFilter = {}): StoredFinding[] {
      const rows = stmt(
        `SELECT * FROM findings WHERE (@runId IS NULL OR run_id = @runId) AND (@round IS NULL OR round = @round)
           AND (@harmArea IS NULL OR harm_area = @harmArea) AND severity >= @minSeverity
         ORDER BY severity DESC, id`,
      ).all({
        runId: filter.runId ?? null,
        round: filter.round ?? null,
        harmArea: filter.harmArea ?? null,
        minSeverity: filter.minSeverity ?? 0,
      }) as FindingRowDb[];
      return rows.map(toFinding);
    },
  };
}

export type FindingRepo = ReturnType<typeof createFindingRepo>;

function toFinding(r: FindingRowDb): StoredFinding {
  return {
    id: r.id,
    runId: r.run_id,
    origin: r.origin,
    sourceId: r.source_id,
    harmArea: r.harm_area,
    technique: fromJson<Finding["technique"]>(r.technique),
    language: r.language,
    turnDepth: r.turn_depth,
    severity: r.severity,
    transcript: fromJson<Message[]>(r.transcript),
    scores: fromJson<JudgeScore[]>(r.scores),
    round: opt(r.round),
    createdAt: r.created_at,
  };
}
