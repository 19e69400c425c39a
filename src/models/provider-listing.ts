import { MOCK_MODELS } from "./mock/mock-models.js";
import type { ModelsConfig, ProviderSettings } from "./provider-config.js";
import { providerKinds } from "./provider-kinds.js";

// `models list`: what can be addressed, with key variable names only, never values.

/** A provider's settings (see ProviderSettings) as listed: header names and whether the key is set, no values. */
export interface ProviderRow extends ProviderSettings {
  name: string;
  configured: boolean;
  baseUrl?: string;
  apiKeyEnv?: string;
  apiKeySet?: boolean;
  headerNames?: string[];
}

export interface ProviderListing {
  kinds: Array<{ id: string; description: string }>;
  providers: ProviderRow[];
  mockModels: Array<{ id: string; description: string }>;
}

/** Provider kinds, providers (configured, and the listed kinds left at their defaults) and mock models. */
export function providerListing(
  config: ModelsConfig,
  env: Record<string, string | undefined>,
): ProviderListing {
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

export function formatProviderListing(l: ProviderListing): string {
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
