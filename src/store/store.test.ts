import { existsSync, writeFileSync } from "node:fs";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BreakfixError, clearSecrets, registerSecret } from "../core/index.js";
import { okReply, tempDir } from "./fixtures/temp-store.js";
import { openStore, type Store } from "./index.js";
import { MIGRATIONS } from "./migrations/index.js";

let tmp: ReturnType<typeof tempDir>;
let store: Store | undefined;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  store?.close();
  store = undefined;
  clearSecrets();
  tmp.cleanup();
});

function storeError(fn: () => unknown): BreakfixError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(BreakfixError);
    return err as BreakfixError;
  }
  throw new Error("expected a BreakfixError");
}

describe("opening and migrating", () => {
  it("numbers migrations 1..n without gaps", () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it("creates the directory and migrates an empty database to the latest version", () => {
    store = openStore(tmp.dbFile);
    expect(existsSync(tmp.dbFile)).toBe(true);
    expect(store.schemaVersion()).toBe(store.latestSchemaVersion);
    expect(Object.keys(store.tableCounts())).toEqual(
      expect.arrayContaining(["runs", "run_items", "generations", "scores", "attack_attempts", "findings"]),
    );
    expect(store.migrate()).toEqual([]);
    store.close();
    const raw = new Database(tmp.dbFile);
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
  });

  it("opens without migrating when asked, and migrates on request", () => {
    store = openStore(tmp.dbFile, { migrate: false });
    expect(store.schemaVersion()).toBe(0);
    expect(store.tableCounts()).toEqual({});
    expect(store.migrate().map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(store.tableCounts()["runs"]).toBe(0);
  });

  it("refuses a database written by a newer version", () => {
    openStore(tmp.dbFile).close();
    const raw = new Database(tmp.dbFile);
    raw.pragma("user_version = 999");
    raw.close();
    const err = storeError(() => openStore(tmp.dbFile));
    expect(err.code).toBe("STORE");
    expect(err.toLine()).toMatch(/schema version 999 is newer.*Fix: upgrade breakfix/);
    expect(storeError(() => openStore(tmp.dbFile, { migrate: false })).code).toBe("STORE");
  });

  it("reports a file that is not SQLite as one DATA_INVALID line (bad input) with a fix", () => {
    writeFileSync(tmp.dbFile.replace("nested/", ""), "this is not a database, just some text ".repeat(50));
    const err = storeError(() => openStore(tmp.dbFile.replace("nested/", "")));
    expect(err.code).toBe("DATA_INVALID");
    expect(err.toLine()).toMatch(/not a breakfix database, or the file is corrupt.*Fix: point --db/);
    expect(err.toLine()).not.toContain("\n");
  });

  it("reports a locked database as STORE after the busy timeout", () => {
    store = openStore(tmp.dbFile, { busyTimeoutMs: 50 });
    const other = new Database(tmp.dbFile);
    other.exec("BEGIN EXCLUSIVE");
    try {
      const err = storeError(() => store!.runs.start({ id: "r1", kind: "bench", name: "x" }));
      expect(err.code).toBe("STORE");
      expect(err.message).toContain("locked");
      expect(err.fix).toContain("different --db");
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    expect(store.runs.start({ id: "r1", kind: "bench", name: "x" }).resumed).toBe(false);
  });
});

describe("transactions", () => {
  it("roll back every write when the function throws", () => {
    store = openStore(tmp.dbFile);
    const s = store;
    s.runs.start({ id: "r", kind: "bench", name: "t" });
    s.items.plan("r", [{ id: "a" }, { id: "b" }]);
    expect(() =>
      s.transaction(() => {
        s.generations.put({
          runId: "r",
          itemId: "a",
          attempt: 0,
          modelId: "mock:x",
          messages: [],
          result: okReply("hi"),
        });
        s.items.markDone("r", ["a"]);
        throw new Error("crash between writes");
      }),
    ).toThrow("crash between writes");
    expect(s.generations.list("r")).toEqual([]);
    expect(s.items.counts("r")).toMatchObject({ pending: 2, done: 0 });
  });

  it("commits all writes together when the function returns", () => {
    store = openStore(tmp.dbFile);
    const s = store;
    s.runs.start({ id: "r", kind: "bench", name: "t" });
    s.items.plan("r", [{ id: "a" }]);
    const n = s.transaction(() => {
      s.generations.put({
        runId: "r",
        itemId: "a",
        attempt: 0,
        modelId: "mock:x",
        messages: [],
        result: okReply("hi"),
      });
      s.items.markDone("r", ["a"]);
      return 1;
    });
    expect(n).toBe(1);
    expect(s.items.pending("r")).toEqual([]);
    expect(s.generations.get("r", "a", 0)?.text).toBe("hi");
  });
});

describe("secrets", () => {
  it("never writes a registered API key, wherever it appears", () => {
    const key = "sk-test-0123456789abcdef";
    registerSecret(key);
    store = openStore(tmp.dbFile);
    const s = store;
    s.runs.start({ id: "r", kind: "redteam", name: "t", config: { note: `key ${key}` } });
    s.generations.put({
      runId: "r",
      itemId: "a",
      attempt: 0,
      modelId: "openai:x",
      messages: [{ role: "user", content: `echo ${key}` }],
      result: okReply(`your key is ${key}`),
    });
    s.generations.put({
      runId: "r",
      itemId: "b",
      attempt: 0,
      modelId: "openai:x",
      messages: [],
      result: {
        ok: false,
        error: { kind: "auth", message: `401 for key "${key}"`, retryable: false },
        latencyMs: 1,
      },
    });
    s.scores.put({
      runId: "r",
      itemId: "a",
      attempt: 0,
      score: { judgeId: "j", judgeVersion: "1", label: "unsafe", raw: key },
    });
    s.attacks.put({
      runId: "r",
      objectiveId: "o",
      strategy: "direct",
      converters: [],
      attempt: 0,
      outcome: "error",
      transcript: [{ role: "assistant", content: `Authorization: Bearer abcdefghijklmnop ${key}` }],
      queries: 1,
      scores: [],
      error: `failed with ${key}`,
    });
    s.runs.finish("r", "failed", { error: `boom ${key}` });
    s.close();
    const raw = new Database(tmp.dbFile, { readonly: true });
    const tables = raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as {
      name: string;
    }[];
    let found = 0;
    let redacted = 0;
    for (const { name } of tables) {
      for (const row of raw.prepare(`SELECT * FROM "${name}"`).all()) {
        const text = JSON.stringify(row);
        if (text.includes(key) || text.includes("abcdefghijklmnop")) found++;
        if (text.includes("[REDACTED]")) redacted++;
      }
    }
    raw.close();
    expect(found).toBe(0);
    expect(redacted).toBeGreaterThanOrEqual(5);
  });
});
