import { BreakfixError, type JudgeScore } from "../core/index.js";
import { clean, fromJson, nowIso, toJson } from "./json.js";
import type { Statement } from "./sqlite.js";

/**
 * One turn of a manual red-teaming chat. The turns form a tree (`parent`): retrying a reply adds a sibling,
 * branching continues from an earlier turn. `head` of the session is the turn the next message follows.
 */
export interface ManualTurn {
  id: string;
  /** The turn this one answers or follows; null for the first user turn. */
  parent: string | null;
  role: "user" | "assistant";
  /** What was sent (a user turn, after template and converters) or what the model replied. */
  content: string;
  /** A user turn typed before template and converters, when they changed it. */
  original?: string;
  converters?: string[];
  template?: string;
  /** The model that replied (assistant turns). */
  model?: string;
  /** Why the model call failed (assistant turns): the reply is then empty and this is shown instead. */
  error?: string;
  /** Judge verdicts asked for on this reply. */
  scores?: JudgeScore[];
  /** The finding this reply was flagged as. */
  findingId?: string;
  at: string;
}

export interface ManualSession {
  id: string;
  title: string;
  /** The model id as typed (an alias or `provider:model`); never a key. */
  model: string;
  systemPrompt: string;
  turns: ManualTurn[];
  head: string | null;
  createdAt: string;
  updatedAt: string;
}

interface SessionRowDb {
  id: string;
  title: string;
  model: string;
  system_prompt: string;
  tree: string;
  created_at: string;
  updated_at: string;
}

/** Saved manual red-teaming chats, whole (the tree is one JSON column), newest first. */
export function createManualSessionRepo(stmt: (sql: string) => Statement) {
  const get = (id: string): ManualSession | undefined => {
    const row = stmt("SELECT * FROM manual_sessions WHERE id = ?").get(id) as SessionRowDb | undefined;
    return row && toSession(row);
  };
  const require = (id: string): ManualSession => {
    const found = get(id);
    if (!found) throw new BreakfixError("NOT_FOUND", `no manual session with id ${id}`);
    return found;
  };
  return {
    get,
    require,

    /** Inserts or replaces the session; `updatedAt` is set to now and returned with it. */
    save(s: Omit<ManualSession, "createdAt" | "updatedAt"> & { createdAt?: string }): ManualSession {
      const now = nowIso();
      const createdAt = s.createdAt ?? now;
      const tree = toJson({ turns: s.turns, head: s.head });
      stmt(
        `INSERT INTO manual_sessions (id, title, model, system_prompt, tree, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, model = excluded.model,
           system_prompt = excluded.system_prompt, tree = excluded.tree, updated_at = excluded.updated_at`,
      ).run(s.id, clean(s.title), s.model, clean(s.systemPrompt), tree, createdAt, now);
      return require(s.id);
    },

    /** Newest first, without their turns' text (counts only). */
    list(): Array<Omit<ManualSession, "turns" | "head"> & { turnCount: number }> {
      const rows = stmt("SELECT * FROM manual_sessions ORDER BY updated_at DESC, id").all() as SessionRowDb[];
      return rows.map((r) => {
        const { turns, head: _head, ...rest } = toSession(r);
        return { ...rest, turnCount: turns.length };
      });
    },
  };
}

export type ManualSessionRepo = ReturnType<typeof createManualSessionRepo>;

function toSession(r: SessionRowDb): ManualSession {
  const tree = fromJson<{ turns: ManualTurn[]; head: string | null }>(r.tree);
  return {
    id: r.id,
    title: r.title,
    model: r.model,
    systemPrompt: r.system_prompt,
    turns: tree.turns,
    head: tree.head,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
