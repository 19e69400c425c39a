import { BreakfixError } from "../core/index.js";
import { fromJson, nowIso, toJson } from "./json.js";
import type { Statement } from "./sqlite.js";

export interface DatasetRecord {
  name: string;
  version: string;
  /** sha256 of the content as loaded (hex, 64 characters). */
  sha256: string;
  /** File path or URL it came from. */
  source: string;
  rowCount: number;
  /** Dataset card: license, provenance, columns, curation steps. */
  card?: Record<string, unknown>;
}

export interface StoredDataset extends Required<DatasetRecord> {
  createdAt: string;
}

interface DatasetRowDb {
  name: string;
  version: string;
  sha256: string;
  source: string;
  row_count: number;
  card: string;
  created_at: string;
}

/**
 * Dataset versions used by runs. Keyed by (name, version). Registering the same content again is a no-op;
 * the same name and version with other content is refused, since results keyed on it would silently change
 * meaning.
 */
export function createDatasetRepo(stmt: (sql: string) => Statement) {
  const get = (name: string, version?: string): StoredDataset | undefined => {
    const row = (
      version === undefined
        ? stmt("SELECT * FROM datasets WHERE name = ? ORDER BY created_at DESC, rowid DESC LIMIT 1").get(name)
        : stmt("SELECT * FROM datasets WHERE name = ? AND version = ?").get(name, version)
    ) as DatasetRowDb | undefined;
    return row && toDataset(row);
  };

  return {
    /** The given version, or the most recently registered one. */
    get,

    /** Returns true when the version is new, false when the same content was already registered. */
    register(d: DatasetRecord): boolean {
      const existing = get(d.name, d.version);
      if (existing) {
        if (existing.sha256 === d.sha256) return false;
        throw new BreakfixError(
          "CHECKSUM_MISMATCH",
          `dataset ${d.name}@${d.version} is already registered with sha256 ${existing.sha256.slice(0, 12)}…, not ${d.sha256.slice(0, 12)}…`,
          { fix: "give the changed data a new version, or restore the original file" },
        );
      }
      stmt(
        `INSERT INTO datasets (name, version, sha256, source, row_count, card, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(d.name, d.version, d.sha256, d.source, d.rowCount, toJson(d.card ?? {}), nowIso());
      return true;
    },

    list(): StoredDataset[] {
      return (stmt("SELECT * FROM datasets ORDER BY name, created_at").all() as DatasetRowDb[]).map(
        toDataset,
      );
    },
  };
}

export type DatasetRepo = ReturnType<typeof createDatasetRepo>;

function toDataset(r: DatasetRowDb): StoredDataset {
  return {
    name: r.name,
    version: r.version,
    sha256: r.sha256,
    source: r.source,
    rowCount: r.row_count,
    card: fromJson<Record<string, unknown>>(r.card),
    createdAt: r.created_at,
  };
}
