import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../core/index.js";
import { openStore } from "../index.js";
import { migrate } from "../migrate.js";
import { MIGRATIONS } from "./index.js";

const finding = (id: string, origin: Finding["origin"], round?: number): Finding => ({
  id,
  runId: "r",
  origin,
  sourceId: `r/${id}`,
  harmArea: "violence",
  technique: { strategy: origin, converters: [] },
  language: "en",
  turnDepth: 1,
  severity: 5,
  transcript: [{ role: "assistant", content: "x" }],
  scores: [],
  ...(round === undefined ? {} : { round }),
});

describe("migration 5: manual sessions and manual findings", () => {
  it("keeps the findings of a version-4 database and takes manual ones after", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mig5-"));
    try {
      const file = path.join(dir, "s.db");
      const db = new Database(file);
      migrate(db, file, MIGRATIONS.slice(0, 4));
      db.prepare(
        "INSERT INTO runs (id, kind, name, status, config_hash, created_at, updated_at) VALUES ('r', 'redteam', 'r', 'done', 'h', 'now', 'now')",
      ).run();
      db.prepare(
        `INSERT INTO findings (id, run_id, origin, source_id, harm_area, technique, language, turn_depth, severity, transcript, scores, round, created_at)
         VALUES ('old', 'r', 'redteam', 'r/old', 'violence', '{"strategy":"direct","converters":[]}', 'en', 1, 6, '[]', '[]', 2, 'now')`,
      ).run();
      db.close();
      const store = openStore(file);
      expect(store.findings.get("old")).toMatchObject({ origin: "redteam", severity: 6, round: 2 });
      expect(store.findings.put(finding("m1", "manual"))).toBe(true);
      expect(store.findings.listManual("c", 1).map((f) => f.id)).toEqual(["m1"]);
      store.findings.claimManual(["m1", "old"], "c", 1);
      expect(store.findings.get("old")?.round).toBe(2);
      expect(store.findings.listManual("c", 1).map((f) => f.id)).toEqual(["m1"]);
      expect(store.findings.listManual("other", 1)).toEqual([]);
      expect(store.findings.listManual("c", 2)).toEqual([]);
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("saves a session whole and lists it newest first", () => {
    const store = openStore(":memory:");
    const s = store.manualSessions.save({
      id: "s1",
      title: "t",
      model: "engine:base",
      systemPrompt: "sys",
      turns: [{ id: "a", parent: null, role: "user", content: "hi", at: "now" }],
      head: "a",
    });
    expect(store.manualSessions.get("s1")).toEqual(s);
    expect(store.manualSessions.list()).toMatchObject([{ id: "s1", turnCount: 1 }]);
    expect(() => store.manualSessions.require("nope")).toThrow(/no manual session/);
  });
});
