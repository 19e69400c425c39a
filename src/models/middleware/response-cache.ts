import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { GenerateOptions, GenerateSuccess, Message } from "../../core/index.js";
import { contentHash } from "../../core/index.js";
import type { ProviderSettings } from "../provider-config.js";

/** What is stored per reply: the success without its per-call fields. */
export type CachedReply = Pick<GenerateSuccess, "text" | "finishReason" | "usage" | "model">;

export interface ResponseCache {
  readonly dir: string;
  get(key: string): Promise<CachedReply | undefined>;
  put(key: string, reply: CachedReply): Promise<void>;
}

/**
 * The cache key: sha256 over the model id, the provider's `scope` (`providerCacheScope`), the messages and
 * every parameter that changes the reply (the seed included — callers wanting several samples of one prompt
 * pass different seeds). The signal is not part of it. Secrets enter only hashed, inside the scope.
 */
export function responseKey(
  modelId: string,
  messages: readonly Message[],
  o: GenerateOptions,
  scope?: string,
): string {
  return contentHash({
    model: modelId,
    ...(scope !== undefined && { scope }),
    messages: messages.map((m) => ({ role: m.role, content: m.content })),
    params: {
      maxTokens: o.maxTokens,
      temperature: o.temperature,
      topP: o.topP,
      topK: o.topK,
      seed: o.seed,
      stop: o.stop,
    },
  });
}

/**
 * What else about a provider changes its replies: its endpoint and every request header (custom ones, those
 * read from the environment, the key's header name), as one sha256, so that a reply cached for one server,
 * deployment or routing header is not served for another, and no header value is ever stored. Limits
 * (concurrency, timeouts, retries) are left out: they change when a reply comes, not what it says. The API
 * key is left out too: a rotated key must not empty the cache.
 */
export function providerCacheScope(
  settings: ProviderSettings & { headersFromEnv?: Record<string, string> },
  env: Record<string, string | undefined>,
): string {
  const {
    concurrency: _c,
    requestsPerMinute: _r,
    tokensPerMinute: _t,
    timeoutMs: _o,
    maxRetries: _m,
    cache: _k,
    headersFromEnv,
    ...shaping
  } = settings;
  const fromEnv = Object.fromEntries(
    Object.entries(headersFromEnv ?? {}).map(([name, variable]) => [
      name.toLowerCase(),
      env[variable] ?? null,
    ]),
  );
  return contentHash({ ...shaping, headersFromEnv: fromEnv });
}

/** Files under `<cacheDir>/responses/<2 hex>/<sha256>.json`, each written whole (tmp file + rename). */
export function createResponseCache(cacheDir: string): ResponseCache {
  const dir = path.join(cacheDir, "responses");
  const fileOf = (key: string): string => path.join(dir, key.slice(0, 2), `${key}.json`);
  return {
    dir,
    async get(key) {
      let text: string;
      try {
        text = await readFile(fileOf(key), "utf8");
      } catch {
        return undefined;
      }
      try {
        const entry = JSON.parse(text) as { key?: unknown; reply?: CachedReply };
        // A file that does not parse or is not ours is a miss; the next success overwrites it.
        return entry.key === key && typeof entry.reply?.text === "string" ? entry.reply : undefined;
      } catch {
        return undefined;
      }
    },
    async put(key, reply) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
      try {
        await writeFile(tmp, JSON.stringify({ key, reply }));
        await rename(tmp, file);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
    },
  };
}
