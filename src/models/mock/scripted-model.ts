import type {
  ChatModel,
  FailureKind,
  GenerateResult,
  Message,
  ModelFailure,
  Usage,
} from "../../core/index.js";
import { failure, lastUserText } from "../../core/index.js";

/** A rule: when the last user message matches (substring or regex), reply with text or fail. */
export type ScriptRule =
  | { match: string | RegExp; reply: string | ((messages: readonly Message[]) => string) }
  | { match: string | RegExp; fail: FailureKind | ModelFailure };

export interface ScriptedModelOptions {
  id?: string;
  /** Reply when no rule matches; without it an unmatched prompt is a `bad_request` failure. */
  fallback?: string;
}

/** For tests: a deterministic model whose replies are given per prompt. First matching rule wins. */
export function createScriptedModel(
  rules: readonly ScriptRule[],
  options: ScriptedModelOptions = {},
): ChatModel {
  return {
    id: options.id ?? "mock:scripted",
    async generate(messages) {
      const prompt = lastUserText(messages);
      const rule = rules.find((r) =>
        typeof r.match === "string" ? prompt.includes(r.match) : r.match.test(prompt),
      );
      if (!rule) {
        if (options.fallback !== undefined) return mockReply(messages, options.fallback);
        return failure(
          { kind: "bad_request", message: "no scripted rule matches the prompt", retryable: false },
          0,
          {
            attempts: 1,
          },
        );
      }
      if ("fail" in rule) {
        const error = typeof rule.fail === "string" ? mockFailure(rule.fail) : rule.fail;
        return failure(error, 0, { attempts: 1 });
      }
      return mockReply(messages, typeof rule.reply === "string" ? rule.reply : rule.reply(messages));
    },
  };
}

/** For tests: a model whose every call fails with `kind`. */
export function createFailingModel(kind: FailureKind, id = `mock:error-${kind}`): ChatModel {
  return { id, generate: async () => failure(mockFailure(kind), 0, { attempts: 1 }) };
}

const RETRYABLE: ReadonlySet<FailureKind> = new Set(["timeout", "rate_limited", "server_error", "network"]);

export function mockFailure(kind: FailureKind): ModelFailure {
  return { kind, message: `mock ${kind} failure`, retryable: RETRYABLE.has(kind) };
}

export function mockReply(messages: readonly Message[], text: string): GenerateResult {
  return {
    ok: true,
    text,
    finishReason: "stop",
    usage: mockUsage(messages, text),
    latencyMs: 0,
    attempts: 1,
  };
}

/** A stand-in token count (4 characters a token), deterministic. */
function mockUsage(messages: readonly Message[], text: string): Usage {
  const chars = messages.reduce((n, m) => n + m.content.length, 0);
  return { promptTokens: Math.ceil(chars / 4), completionTokens: Math.ceil(text.length / 4) };
}
