import type {
  FailureKind,
  FinishReason,
  GenerateOptions,
  GenerateResult,
  Message,
  Usage,
} from "../core/index.js";
import { clean, fromJson, nowIso, opt, toJson } from "./json.js";
import type { Db, Statement } from "./sqlite.js";

/** Sampling parameters as recorded (the AbortSignal is not data). */
export type GenerationParams = Omit<GenerateOptions, "signal">;

/** One model call to record. `turn` numbers the calls of a multi-turn item (0 for single-call items). */
export interface GenerationInput {
  runId: string;
  itemId: string;
  attempt: number;
  turn?: number;
  modelId: string;
  messages: readonly Message[];
  params?: GenerateOptions;
  result: GenerateResult;
}

export interface Generation {
  id: number;
  runId: string;
  itemId: string;
  attempt: number;
  turn: number;
  modelId: string;
  messages: Message[];
  params: GenerationParams;
  status: "ok" | "error";
  /** The reply, when status is `ok`. */
  text?: string;
  /** Why the call failed, when status is `error`. */
  error?: { kind: FailureKind; message: string };
  finishReason?: FinishReason;
  usage?: Usage;
  latencyMs: number;
  /** Calls made including retries. */
  callAttempts?: number;
  cached: boolean;
  createdAt: string;
}

interface GenerationRowDb {
  id: number;
  run_id: string;
  item_id: string;
  attempt: number;
  turn: number;
  model_id: string;
  request: string;
  status: "ok" | "error";
  response: string | null;
  error_kind: string | null;
  error: string | null;
  finish_reason: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  latency_ms: number;
  call_attempts: number | null;
  cached: number;
  created_at: string;
}

/** The natural key of a result row as one string, for `doneKeys` sets: `attempt:turn:itemId`. */
export function resultKey(itemId: string, attempt: number, turn = 0): string {
  return `${attempt}:${turn}:${itemId}`;
}

/** The insert behind `put`, and its parameters for one call: shared with the background result writer. */
export const INSERT_GENERATION_SQL = `INSERT INTO generations (run_id, item_id, attempt, turn, model_id, request, status,
   response, error_kind, error, finish_reason, prompt_tokens, completion_tokens, latency_ms, call_attempts, cached,
   created_at)
 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
 ON CONFLICT (run_id, item_id, attempt, turn) DO NOTHING`;

export function generationRow(g: GenerationInput, createdAt = nowIso()): unknown[] {
  const { signal: _signal, ...params } = g.params ?? {};
  const r = g.result;
  return [
    g.runId,
    g.itemId,
    g.attempt,
    g.turn ?? 0,
    g.modelId,
    toJson({ messages: g.messages, params }),
    r.ok ? "ok" : "error",
    r.ok ? clean(r.text) : null,
    r.ok ? null : r.error.kind,
    r.ok ? null : clean(r.error.message),
    r.ok ? r.finishReason : null,
    r.ok ? (r.usage?.promptTokens ?? null) : null,
    r.ok ? (r.usage?.completionTokens ?? null) : null,
    r.latencyMs,
    r.attempts ?? null,
    r.cached ? 1 : 0,
    createdAt,
  ];
}

/**
 * Model calls. Keyed by (run, item, attempt, turn); the first write wins (`ON CONFLICT DO NOTHING`), since a
 * recorded call is a fact: a resumed run that repeats a write changes nothing. A failed call is kept as
 * `error`; retrying it is a new attempt.
 */
export function createGenerationRepo(db: Db, stmt: (sql: string) => Statement) {
  const put = (g: GenerationInput): boolean =>
    stmt(INSERT_GENERATION_SQL).run(...generationRow(g)).changes === 1;

  return {
    /** Records one call; returns false when that key was already recorded (nothing changes then). */
    put,

    /** Records many calls in one transaction; returns how many were new. */
    putMany(rows: readonly GenerationInput[]): number {
      return db.transaction(() => rows.filter(put).length)();
    },

    get(runId: string, itemId: string, attempt: number, turn = 0): Generation | undefined {
      const row = stmt(
        "SELECT * FROM generations WHERE run_id = ? AND item_id = ? AND attempt = ? AND turn = ?",
      ).get(runId, itemId, attempt, turn) as GenerationRowDb | undefined;
      return row && toGeneration(row);
    },

    list(runId: string, filter: { itemId?: string; status?: "ok" | "error" } = {}): Generation[] {
      const rows = stmt(
        `SELECT * FROM generations WHERE run_id = @runId
           AND (@itemId IS NULL OR item_id = @itemId) AND (@status IS NULL OR status = @status)
         ORDER BY id`,
      ).all({ runId, itemId: filter.itemId ?? null, status: filter.status ?? null }) as GenerationRowDb[];
      return rows.map(toGeneration);
    },

    /**
     * What each call produced, without the stored request: the cheap read for reports that recompute
     * metrics from the store (parsing every request would dominate their time).
     */
    outcomes(runId: string): GenerationOutcome[] {
      const rows = stmt(
        `SELECT item_id, attempt, turn, status, response, error, error_kind FROM generations
         WHERE run_id = ? ORDER BY id`,
      ).all(runId) as Pick<
        GenerationRowDb,
        "item_id" | "attempt" | "turn" | "status" | "response" | "error" | "error_kind"
      >[];
      return rows.map((r) => ({
        itemId: r.item_id,
        attempt: r.attempt,
        turn: r.turn,
        status: r.status,
        text: opt(r.response),
        error:
          r.error === null
            ? undefined
            : { kind: (r.error_kind ?? "unknown") as FailureKind, message: r.error },
      }));
    },

    /** `resultKey`s of every call recorded in the run (ok or error): what a resumed stage skips. */
    doneKeys(runId: string): Set<string> {
      const rows = stmt("SELECT item_id, attempt, turn FROM generations WHERE run_id = ?").all(runId) as {
        item_id: string;
        attempt: number;
        turn: number;
      }[];
      return new Set(rows.map((r) => resultKey(r.item_id, r.attempt, r.turn)));
    },
  };
}

export type GenerationRepo = ReturnType<typeof createGenerationRepo>;

export type GenerationOutcome = Pick<Generation, "itemId" | "attempt" | "turn" | "status" | "text" | "error">;

function toGeneration(r: GenerationRowDb): Generation {
  const request = fromJson<{ messages: Message[]; params: GenerationParams }>(r.request);
  const usage =
    r.prompt_tokens === null || r.completion_tokens === null
      ? undefined
      : { promptTokens: r.prompt_tokens, completionTokens: r.completion_tokens };
  return {
    id: r.id,
    runId: r.run_id,
    itemId: r.item_id,
    attempt: r.attempt,
    turn: r.turn,
    modelId: r.model_id,
    messages: request.messages,
    params: request.params,
    status: r.status,
    text: opt(r.response),
    error:
      r.error === null ? undefined : { kind: (r.error_kind ?? "unknown") as FailureKind, message: r.error },
    finishReason: opt(r.finish_reason) as FinishReason | undefined,
    usage,
    latencyMs: r.latency_ms,
    callAttempts: opt(r.call_attempts),
    cached: r.cached === 1,
    createdAt: r.created_at,
  };
}
