import { BreakfixError, redactSecrets, registerSecret } from "../../core/index.js";

export type JobStatus = "validating_files" | "queued" | "running" | "succeeded" | "failed" | "cancelled";
export const FINISHED: readonly JobStatus[] = ["succeeded", "failed", "cancelled"];

export interface FineTuneJob {
  id: string;
  status: JobStatus;
  model: string;
  fine_tuned_model: string | null;
  trained_tokens?: number | null;
  error?: { message?: string; code?: string } | null;
  result_files?: string[];
}

export interface FineTuneEvent {
  id: string;
  created_at: number;
  level: string;
  message: string;
  type?: string;
  data?: Record<string, unknown> | null;
}

/**
 * A failed call to the jobs API. `transient` errors (429, 5xx, the network) may pass if tried again; any
 * other 4xx is the request's fault, and its message says what to fix.
 */
export class FineTuneApiError extends BreakfixError {
  constructor(
    code: "CONFIG_INVALID" | "DATA_INVALID" | "MODEL_UNAVAILABLE",
    message: string,
    fix: string,
    readonly transient: boolean,
    readonly status?: number,
  ) {
    super(code, message, { fix });
  }
}

export interface FineTuneClientOptions {
  /** e.g. https://api.openai.com/v1, or another service that speaks the same API. */
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
}

/**
 * The OpenAI fine-tuning jobs API (files, jobs, events, cancel). Services that accept the same JSONL
 * and endpoints work through `baseUrl`. The key is registered as a secret so no error can print it.
 */
export function createFineTuneClient(o: FineTuneClientOptions) {
  registerSecret(o.apiKey);
  const doFetch = o.fetch ?? fetch;
  const base = o.baseUrl.replace(/\/+$/, "");
  const call = async <T>(
    method: string,
    route: string,
    body?: string | FormData,
    json = false,
    signal?: AbortSignal,
  ): Promise<T> => {
    let res: Response;
    try {
      res = await doFetch(`${base}${route}`, {
        method,
        headers: {
          authorization: `Bearer ${o.apiKey}`,
          ...(json ? { "content-type": "application/json" } : {}),
        },
        body,
        signal,
      });
    } catch (e) {
      if (signal?.aborted) throw e;
      throw new FineTuneApiError(
        "MODEL_UNAVAILABLE",
        `fine-tuning API unreachable at ${base}: ${redactSecrets((e as Error).message)}`,
        "check the base URL (--base-url or OPENAI_BASE_URL) and the network",
        true,
      );
    }
    const text = await res.text();
    if (!res.ok) {
      let detail = text.slice(0, 300);
      try {
        detail = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? detail;
      } catch {}
      const what = `fine-tuning API ${method} ${route}: HTTP ${res.status}: ${redactSecrets(detail)}`;
      if (res.status === 429 || res.status >= 500) {
        throw new FineTuneApiError(
          "MODEL_UNAVAILABLE",
          what,
          "the service is busy or down; try again later",
          true,
          res.status,
        );
      }
      if (res.status === 401 || res.status === 403) {
        throw new FineTuneApiError(
          "CONFIG_INVALID",
          what,
          "check the API key (OPENAI_API_KEY) and its access to fine-tuning",
          false,
          res.status,
        );
      }
      throw new FineTuneApiError(
        "DATA_INVALID",
        what,
        "the request was refused as it stands: fix what the provider names (model id, data file, hyperparameters, suffix) and start again",
        false,
        res.status,
      );
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new FineTuneApiError(
        "MODEL_UNAVAILABLE",
        `fine-tuning API ${method} ${route}: the reply is not JSON (${redactSecrets(text.slice(0, 80))})`,
        "check the base URL points at the API (…/v1); a proxy error page may be in the way",
        true,
      );
    }
  };
  return {
    async uploadFile(name: string, jsonl: string, signal?: AbortSignal): Promise<{ id: string }> {
      const form = new FormData();
      form.append("purpose", "fine-tune");
      form.append("file", new Blob([jsonl], { type: "application/jsonl" }), name);
      return call("POST", "/files", form, false, signal);
    },
    createJob(body: Record<string, unknown>, signal?: AbortSignal): Promise<FineTuneJob> {
      return call("POST", "/fine_tuning/jobs", JSON.stringify(body), true, signal);
    },
    getJob(id: string, signal?: AbortSignal): Promise<FineTuneJob> {
      return call("GET", `/fine_tuning/jobs/${encodeURIComponent(id)}`, undefined, false, signal);
    },
    async listEvents(id: string, after?: string, signal?: AbortSignal): Promise<FineTuneEvent[]> {
      const q = new URLSearchParams({ limit: "100", ...(after ? { after } : {}) });
      const page = await call<{ data: FineTuneEvent[] }>(
        "GET",
        `/fine_tuning/jobs/${encodeURIComponent(id)}/events?${q}`,
        undefined,
        false,
        signal,
      );
      return page.data;
    },
    cancel(id: string): Promise<FineTuneJob> {
      return call("POST", `/fine_tuning/jobs/${encodeURIComponent(id)}/cancel`);
    },
  };
}

export type FineTuneClient = ReturnType<typeof createFineTuneClient>;
