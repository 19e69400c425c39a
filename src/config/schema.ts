import { z } from "zod";
import { isCredentialHeaderName, looksLikeSecretValue } from "../core/index.js";
import { parseModelRef, providerKinds } from "../models/index.js";
import { BUILTIN_AREAS } from "../taxonomy/index.js";

/**
 * The shape of `breakfix.yaml` as written (every key optional, unknown keys rejected). Defaults, path
 * resolution and the built-in `openai` provider are applied afterwards in build-config.ts, because they
 * depend on where the file lives and on the provider's name. Custom issues carry their fix in `params.fix`.
 */

export const PROVIDER_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
export const ALIAS_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*:\S+$/;
export const AREA_ID = /^[a-z0-9][a-z0-9-]*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** True when a value given as an env var NAME looks like the secret itself (`sk-...`, a long token). */
export function looksLikeApiKey(value: string): boolean {
  if (/^(sk|pk|rk|gsk|xai|hf)[-_]/i.test(value) || /^bearer\s/i.test(value)) return true;
  if (looksLikeSecretValue(value)) return true;
  return value.length >= 24 && !ENV_NAME.test(value) && /^[A-Za-z0-9._~+/=-]+$/.test(value);
}

const keyFix = (name: string) =>
  `keep the key out of the file: run \`export ${name}=<your key>\` in your shell and write \`apiKeyEnv: ${name}\` (rotate the key if this file was shared)`;

/** An environment variable NAME (never the secret itself) in the field `field`. */
const envNameSchema = (field: string) =>
  z.string().superRefine((value, ctx) => {
    if (looksLikeApiKey(value)) {
      // Never echo the value: it is probably a real key.
      ctx.addIssue({
        code: "custom",
        message: `${field} looks like an API key itself; it must be the NAME of an environment variable`,
        params: { fix: keyFix("MY_PROVIDER_API_KEY") },
      });
    } else if (!ENV_NAME.test(value)) {
      ctx.addIssue({
        code: "custom",
        message: `${field} "${value}" is not an environment variable name`,
        params: { fix: "use letters, digits and underscores, e.g. `apiKeyEnv: OPENAI_API_KEY`" },
      });
    }
  });
const apiKeyEnvSchema = envNameSchema("apiKeyEnv");

// A host name, an IPv4 address or a bracketed IPv6 address (`http://[::1]:8000/v1`).
const HOST = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)$/;
const httpUrl = z.url({ protocol: /^https?$/, hostname: HOST });

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const envVarOf = (header: string) => `${header.replace(/[^A-Za-z0-9]+/g, "_").toUpperCase()}_VALUE`;

// A credential in `headers` would sit in the config file (and be shared, committed, printed). Credential
// header names and key-like values are refused, pointing at the environment; the value is never echoed.
const headersSchema = z.record(z.string().regex(HEADER_NAME), z.string()).superRefine((headers, ctx) => {
  for (const [name, value] of Object.entries(headers)) {
    const credentialName = isCredentialHeaderName(name);
    if (!credentialName && !looksLikeSecretValue(value)) continue;
    const lower = name.toLowerCase();
    const env = envVarOf(name);
    ctx.addIssue({
      code: "custom",
      path: [name],
      message: credentialName
        ? `header "${name}" would put a credential in the config file`
        : `the value of header "${name}" looks like a key or token: it would put a credential in the config file`,
      params: {
        fix:
          lower === "authorization"
            ? "remove it and set `apiKeyEnv: MY_API_KEY`: the key is read from that environment variable and sent as `Authorization: Bearer <key>` (rotate the key if this file was shared)"
            : `remove it, run \`export ${env}=<value>\` and write \`headersFromEnv: {${name}: ${env}}\` (or, for the provider's key, \`apiKeyEnv\` with \`apiKeyHeader: ${name}\`); rotate the value if this file was shared`,
      },
    });
  }
});

// Headers whose values come from environment variables, read at call time and redacted like the API key.
const headersFromEnvSchema = z.record(z.string().regex(HEADER_NAME), envNameSchema("headersFromEnv"));

// A key in the URL (`https://user:pass@host`, `?api_key=...`) would sit in the config file like one in a header.
const CREDENTIAL_QUERY =
  /^(?:key|api[-_]?key|apikey|code|token|access[-_]?token|sig|signature|secret|password)$/i;
function refineUrlSecrets(value: string, ctx: z.RefinementCtx): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return; // the format check reports it
  }
  const query = [...url.searchParams.entries()];
  const leaks =
    url.username !== "" ||
    url.password !== "" ||
    query.some(([k, v]) => CREDENTIAL_QUERY.test(k) || looksLikeSecretValue(v));
  if (!leaks) return;
  ctx.addIssue({
    code: "custom",
    message: "the URL carries a credential (user:password@ or a key in the query string)",
    params: {
      fix: "remove it from the URL and pass it from the environment: `apiKeyEnv` (with `apiKeyHeader`) or `headersFromEnv`; rotate it if this file was shared",
    },
  });
}

export const providerSchema = z.strictObject({
  type: z.enum(["openai", "gguf"]).optional(),
  baseUrl: httpUrl.superRefine(refineUrlSecrets).optional(),
  apiKeyEnv: apiKeyEnvSchema.optional(),
  apiKeyHeader: z
    .string()
    .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/)
    .optional(),
  headers: headersSchema.optional(),
  headersFromEnv: headersFromEnvSchema.optional(),
  concurrency: z.int().min(1).max(1024).optional(),
  requestsPerMinute: z.number().positive().optional(),
  tokensPerMinute: z.int().positive().optional(),
  timeoutMs: z.int().min(1).optional(),
  maxRetries: z.int().min(0).max(20).optional(),
  cache: z.boolean().optional(),
  // gguf only: llama.cpp settings for local files.
  threads: z.int().min(1).max(256).optional(),
  contextSize: z.int().min(16).max(1_048_576).optional(),
  gpu: z.boolean().optional(),
});

const OPENAI_ONLY = ["baseUrl", "apiKeyEnv", "apiKeyHeader", "headers", "headersFromEnv"] as const;
const GGUF_ONLY = ["threads", "contextSize", "gpu"] as const;

const bandsSchema = z.strictObject({
  very_low: z.string().min(1).optional(),
  low: z.string().min(1).optional(),
  medium: z.string().min(1).optional(),
  high: z.string().min(1).optional(),
});

export const areaSchema = z.strictObject({
  id: z.string().regex(AREA_ID),
  name: z.string().min(1).optional(),
  description: z.string().min(1).optional(),
  bands: bandsSchema.optional(),
});

const BUILTIN_AREA_IDS = new Set(BUILTIN_AREAS.map((a) => a.id));

const areasSchema = z.array(areaSchema).superRefine((areas, ctx) => {
  const seen = new Set<string>();
  areas.forEach((area, i) => {
    if (seen.has(area.id)) {
      ctx.addIssue({
        code: "custom",
        path: [i, "id"],
        message: `harm area "${area.id}" is listed twice`,
        params: { fix: "merge the two entries into one" },
      });
    }
    seen.add(area.id);
    // A built-in id may override only some texts; a new area needs them all to make a full rubric.
    if (BUILTIN_AREA_IDS.has(area.id)) return;
    const missing = [
      ...(["name", "description", "bands"] as const).filter((k) => area[k] === undefined),
      ...(area.bands ? (["very_low", "low", "medium", "high"] as const).filter((b) => !area.bands?.[b]) : []),
    ];
    if (missing.length > 0) {
      const where = missing[0] === "name" || missing[0] === "description" || missing[0] === "bands";
      ctx.addIssue({
        code: "custom",
        path: where ? [i] : [i, "bands"],
        message: `new harm area "${area.id}" is missing ${missing.join(", ")}`,
        params: {
          fix: "a new area needs `name`, `description` and `bands: {very_low, low, medium, high}` (one sentence each); to adjust a built-in area use its id (see `breakfix taxonomy list`)",
        },
      });
    }
  });
});

const modelsSchema = z
  .strictObject({
    default: z.string().optional(),
    aliases: z.record(z.string().regex(ALIAS_NAME), z.string().regex(MODEL_ID)).optional(),
  })
  .superRefine((models, ctx) => {
    const target = models.default;
    if (target === undefined || MODEL_ID.test(target)) return;
    if (models.aliases && target in models.aliases) return;
    ctx.addIssue({
      code: "custom",
      path: ["default"],
      message: `default model "${target}" is neither a \`provider:name\` model id nor an alias defined under models.aliases`,
      params: { fix: "write a model id such as `default: openai:gpt-4o-mini`, or define the alias first" },
    });
  });

const sourceSchema = z.strictObject({
  url: httpUrl.superRefine(refineUrlSecrets),
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/)
    .optional(),
});

export const configSchema = z.strictObject({
  db: z.string().min(1).optional(),
  cacheDir: z.string().min(1).optional(),
  cache: z.boolean().optional(),
  providers: z
    .record(z.string().regex(PROVIDER_NAME), providerSchema)
    .superRefine((providers, ctx) => {
      // Only the built-in `openai` provider has a sensible default endpoint; a silent fallback to
      // api.openai.com for `local:` would send prompts (and maybe a key) to the wrong server.
      for (const [name, provider] of Object.entries(providers)) {
        const isGguf = provider.type === "gguf";
        for (const key of isGguf ? OPENAI_ONLY : GGUF_ONLY) {
          if (provider[key] === undefined) continue;
          ctx.addIssue({
            code: "custom",
            path: [name, key],
            message: `\`${key}\` does not apply to a ${isGguf ? "gguf" : "openai"} provider`,
            params: {
              fix: isGguf
                ? "remove it: a gguf provider runs local files (address them as <provider>:<path>)"
                : "remove it, or set `type: gguf` for a provider of local GGUF files",
            },
          });
        }
        if (!isGguf && name !== "openai" && provider.baseUrl === undefined) {
          ctx.addIssue({
            code: "custom",
            path: [name],
            message: `provider "${name}" has no baseUrl`,
            params: {
              fix: 'add the server\'s OpenAI-compatible endpoint, e.g. `baseUrl: "http://127.0.0.1:8000/v1"` (vLLM) or `"http://127.0.0.1:11434/v1"` (Ollama)',
            },
          });
        }
      }
    })
    .optional(),
  models: modelsSchema.optional(),
  datasets: z
    .strictObject({
      root: z.string().min(1).optional(),
      sources: z.record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/), sourceSchema).optional(),
    })
    .optional(),
  taxonomy: z.strictObject({ areas: areasSchema.optional() }).optional(),
});

/** configSchema plus the checks across sections: a model id must name a configured or built-in provider. */
export const checkedConfigSchema = configSchema.superRefine((config, ctx) => {
  const known = new Set([...providerKinds.list().map((k) => k.id), ...Object.keys(config.providers ?? {})]);
  const targets: [string[], string][] = Object.entries(config.models?.aliases ?? {}).map(([alias, id]) => [
    ["models", "aliases", alias],
    id,
  ]);
  if (config.models?.default !== undefined) targets.unshift([["models", "default"], config.models.default]);
  for (const [path, id] of targets) {
    // An id of the wrong shape is reported by its field's own check.
    const ref = MODEL_ID.test(id) ? parseModelRef(id) : undefined;
    if (ref === undefined || ref.kind === "folder" || known.has(ref.provider)) continue;
    const { provider } = ref;
    ctx.addIssue({
      code: "custom",
      path,
      message: `model "${id}" names provider "${provider}", which is neither configured nor built in`,
      params: {
        fix: `use one of: ${[...known].sort().join(", ")}; or add providers.${provider} with its baseUrl`,
      },
    });
  }
});

export type RawConfig = z.infer<typeof configSchema>;
export type RawProvider = z.infer<typeof providerSchema>;

/** The keys allowed in each section (for "did you mean" on unknown keys), by section pattern. */
export const KNOWN_KEYS: Record<string, readonly string[]> = {
  "": Object.keys(configSchema.shape),
  "providers.*": Object.keys(providerSchema.shape),
  models: ["default", "aliases"],
  datasets: ["root", "sources"],
  "datasets.sources.*": Object.keys(sourceSchema.shape),
  taxonomy: ["areas"],
  "taxonomy.areas.*": Object.keys(areaSchema.shape),
  "taxonomy.areas.*.bands": Object.keys(bandsSchema.shape),
};
