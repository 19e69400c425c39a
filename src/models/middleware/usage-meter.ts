import type { FailureKind, GenerateResult, ModelMiddleware } from "../../core/index.js";
import { deriveModel } from "./derive-model.js";

/** Totals for one model id. Tokens count only real calls (cached replies cost nothing). */
export interface ModelUsage {
  requests: number;
  cachedReplies: number;
  /** Attempts sent to the model, retries included. */
  attempts: number;
  failures: Partial<Record<FailureKind, number>>;
  promptTokens: number;
  completionTokens: number;
  latencyMsTotal: number;
  latencyMsMax: number;
}

export interface UsageMeter {
  add(modelId: string, result: GenerateResult): void;
  /** Usage per model id, copied. */
  snapshot(): Record<string, ModelUsage>;
}

export function createUsageMeter(): UsageMeter {
  const byModel = new Map<string, ModelUsage>();
  return {
    add(modelId, result) {
      let u = byModel.get(modelId);
      if (!u) {
        u = emptyUsage();
        byModel.set(modelId, u);
      }
      u.requests++;
      u.latencyMsTotal += result.latencyMs;
      u.latencyMsMax = Math.max(u.latencyMsMax, result.latencyMs);
      if (result.cached) {
        u.cachedReplies++;
        return;
      }
      u.attempts += result.attempts ?? 1;
      if (!result.ok) u.failures[result.error.kind] = (u.failures[result.error.kind] ?? 0) + 1;
      else if (result.usage) {
        u.promptTokens += result.usage.promptTokens;
        u.completionTokens += result.usage.completionTokens;
      }
    },
    snapshot() {
      return Object.fromEntries([...byModel].map(([id, u]) => [id, { ...u, failures: { ...u.failures } }]));
    },
  };
}

export function meterUsage(meter: UsageMeter): ModelMiddleware {
  return (inner) =>
    deriveModel(inner, async (messages, options) => {
      const result = await inner.generate(messages, options);
      meter.add(inner.id, result);
      return result;
    });
}

function emptyUsage(): ModelUsage {
  return {
    requests: 0,
    cachedReplies: 0,
    attempts: 0,
    failures: {},
    promptTokens: 0,
    completionTokens: 0,
    latencyMsTotal: 0,
    latencyMsMax: 0,
  };
}
