import type { Command } from "commander";
import {
  BreakfixError,
  escapeText,
  type FailureKind,
  type GenerateResult,
  quoted,
  user,
} from "../../core/index.js";
import { MOCK_MODELS, type ModelsConfig, type ProviderSettings, providerKinds } from "../../models/index.js";
import type { CliContext } from "../context.js";
import { positiveInt } from "../option-parsers.js";

const PROBE_PROMPT = "Reply with the single word: pong";
const REPLY_PREVIEW_CHARS = 300;

export function registerModelsCommands(program: Command, ctx: CliContext): void {
  const models = program
    .command("models")
    .description("Model providers: list them, check that a model answers");

  models
    .command("list")
    .description("provider kinds, configured providers (key variable names only, never values), mock models")
    .action(async () => {
      const config = await ctx.config();
      ctx.print(listing(config.models, ctx.io.env), formatListing);
    });

  models
    .command("check <model>")
    .description("send one probe prompt (never cached) and show latency, reply, finish reason and usage")
    .option("--prompt <text>", "probe prompt", PROBE_PROMPT)
    .option("--max-tokens <n>", "reply token limit", positiveInt("--max-tokens", "32"), 32)
    .action(async (id: string, opts: { prompt: string; maxTokens: number }) => {
      // A check must reach the model: the response cache is off for it.
      const model = await ctx.model(id, { cache: false });
      const result = await model.generate([user(opts.prompt)], {
        maxTokens: opts.maxTokens,
        temperature: 0,
        ...(ctx.io.signal && { signal: ctx.io.signal }),
      });
      ctx.print(checkReport(id, result), formatCheck);
      if (!result.ok) {
        const { kind, message, status } = result.error;
        throw new BreakfixError(
          "MODEL_UNAVAILABLE",
          `${id} failed: ${kind}${status ? ` (HTTP ${status})` : ""}: ${message}`,
          {
            fix: FIXES[kind],
          },
        );
      }
    });
}

const FIXES: Partial<Record<FailureKind, string>> = {
  auth: "export the API key in the variable named by the provider's apiKeyEnv, or correct it",
  network: "check the provider's baseUrl and that the server is running and reachable",
  timeout: "check the server is up, or raise the provider's timeoutMs",
  rate_limited: "wait, or lower the provider's concurrency / requestsPerMinute",
  server_error: "the server failed; try again later or check its logs",
  bad_request: "check the model name and parameters against what the server serves",
  bad_response: "the server's reply is not an OpenAI chat completion; check baseUrl points at the /v1 API",
};

interface CheckReport {
  model: string;
  ok: boolean;
  latencyMs: number;
  attempts: number;
  finishReason?: string;
  usage?: { promptTokens: number; completionTokens: number };
  reply?: string;
  error?: { kind: string; message: string; status?: number };
}

function checkReport(model: string, r: GenerateResult): CheckReport {
  const base = { model, ok: r.ok, latencyMs: Math.round(r.latencyMs), attempts: r.attempts ?? 1 };
  if (!r.ok)
    return { ...base, error: { kind: r.error.kind, message: r.error.message, status: r.error.status } };
  return { ...base, finishReason: r.finishReason, ...(r.usage && { usage: r.usage }), reply: r.text };
}

function formatCheck(c: CheckReport): string {
  const lines = [
    `model    ${c.model}`,
    `status   ${c.ok ? "ok" : `FAILED: ${c.error?.kind}${c.error?.status ? ` (HTTP ${c.error.status})` : ""}`}`,
    `latency  ${c.latencyMs} ms (${c.attempts} attempt${c.attempts === 1 ? "" : "s"})`,
  ];
  if (c.ok) {
    lines.push(`finish   ${c.finishReason}`);
    if (c.usage)
      lines.push(`usage    ${c.usage.promptTokens} prompt + ${c.usage.completionTokens} completion tokens`);
    lines.push(`reply    ${preview(c.reply ?? "")}`);
  } else lines.push(`reason   ${escapeText(c.error?.message ?? "", { oneLine: true })}`);
  return lines.join("\n");
}

/** Model output is hostile: shown escaped (no terminal control sequences, no bidi tricks) and cut short. */
function preview(text: string): string {
  const extra = [...text].length - REPLY_PREVIEW_CHARS;
  return `${quoted(text, REPLY_PREVIEW_CHARS)}${extra > 0 ? ` (${extra} more chars)` : ""}`;
}

interface ProviderRow {
  name: string;
  type: string;
  configured: boolean;
  baseUrl?: string;
  apiKeyEnv?: string;
  apiKeySet?: boolean;
  headerNames?: string[];
  concurrency: number;
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  timeoutMs: number;
  maxRetries: number;
  cache: boolean;
}

interface Listing {
  kinds: Array<{ id: string; description: string }>;
  providers: ProviderRow[];
  mockModels: Array<{ id: string; description: string }>;
}

function listing(config: ModelsConfig, env: Record<string, string | undefined>): Listing {
  const implicit = providerKinds
    .list()
    .filter((k) => k.listed && !(k.id in config.providers))
    .map((k) => providerRow(k.id, k.defaults, false, env));
  const configured = Object.entries(config.providers).map(([name, s]) => providerRow(name, s, true, env));
  return {
    kinds: providerKinds.list().map((k) => ({ id: k.id, description: k.description })),
    providers: [...configured, ...implicit].sort((a, b) => a.name.localeCompare(b.name)),
    mockModels: MOCK_MODELS.map((m) => ({ id: `mock:${m.name}`, description: m.description })),
  };
}

function providerRow(
  name: string,
  s: ProviderSettings,
  configured: boolean,
  env: Record<string, string | undefined>,
): ProviderRow {
  const http = s as Partial<{
    baseUrl: string;
    apiKeyEnv: string;
    headers: Record<string, string>;
    headersFromEnv: Record<string, string>;
  }>;
  const headerNames = [
    ...Object.keys(http.headers ?? {}),
    ...Object.entries(http.headersFromEnv ?? {}).map(([h, v]) => `${h} ($${v}, ${env[v] ? "set" : "unset"})`),
  ];
  return {
    name,
    type: s.type,
    configured,
    ...(http.baseUrl && { baseUrl: http.baseUrl }),
    ...(http.apiKeyEnv && { apiKeyEnv: http.apiKeyEnv, apiKeySet: Boolean(env[http.apiKeyEnv]) }),
    // Header values may hold credentials: names only.
    ...(headerNames.length > 0 && { headerNames }),
    concurrency: s.concurrency,
    ...(s.requestsPerMinute && { requestsPerMinute: s.requestsPerMinute }),
    ...(s.tokensPerMinute && { tokensPerMinute: s.tokensPerMinute }),
    timeoutMs: s.timeoutMs,
    maxRetries: s.maxRetries,
    cache: s.cache,
  };
}

function formatListing(l: Listing): string {
  const out = ["Provider kinds:"];
  for (const k of l.kinds) out.push(`  ${k.id.padEnd(10)} ${k.description}`);
  out.push("", "Providers (address models as <provider>:<model>):");
  for (const p of l.providers) {
    const key = p.apiKeyEnv ? `key $${p.apiKeyEnv} (${p.apiKeySet ? "set" : "NOT set"})` : "no key";
    const limits = [
      `concurrency ${p.concurrency}`,
      p.requestsPerMinute ? `${p.requestsPerMinute} req/min` : "",
      p.tokensPerMinute ? `${p.tokensPerMinute} tok/min` : "",
      `timeout ${p.timeoutMs} ms`,
      `retries ${p.maxRetries}`,
      `cache ${p.cache ? "on" : "off"}`,
    ].filter(Boolean);
    out.push(
      `  ${p.name.padEnd(10)} ${p.type}${p.configured ? "" : " (default)"}  ${p.baseUrl ?? ""}  ${key}`,
    );
    if (p.headerNames) out.push(`  ${"".padEnd(10)} headers: ${p.headerNames.join(", ")}`);
    out.push(`  ${"".padEnd(10)} ${limits.join(", ")}`);
  }
  out.push("", "Mock models (tests only):");
  for (const m of l.mockModels) out.push(`  ${m.id.padEnd(18)} ${m.description}`);
  return out.join("\n");
}
