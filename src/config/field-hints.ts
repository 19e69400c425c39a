/**
 * What to write for each config field: the second half of every error's "Fix:". Keys are field paths
 * with `*` for names the user chooses (provider names, aliases, source ids, list positions).
 */
const HINTS: Record<string, string> = {
  "": "the file must be a mapping of sections, e.g. `providers:`, `models:`, `datasets:`, `taxonomy:` (see breakfix.example.yaml)",
  db: "a file path, e.g. `db: .breakfix/breakfix.db`",
  cacheDir: "a directory path, e.g. `cacheDir: .breakfix/cache`",
  cache: "write `cache: true` or `cache: false`",
  providers:
    'a mapping of provider names to settings, e.g. `providers: {local: {type: openai, baseUrl: "http://127.0.0.1:8000/v1"}}`',
  "providers.*":
    'provider names use letters, digits, `-` and `_` (they prefix model ids: `local:my-model`), and the value is a mapping such as `{type: openai, baseUrl: "http://127.0.0.1:8000/v1"}`',
  "providers.*.type":
    "write `type: openai` (any OpenAI-compatible server: vLLM, Ollama, llama.cpp, Azure OpenAI) or `type: gguf` (local GGUF files run in-process)",
  "providers.*.baseUrl":
    'an http(s) URL up to and including the version segment, e.g. `baseUrl: "http://127.0.0.1:8000/v1"`',
  "providers.*.apiKeyEnv":
    "the NAME of the environment variable that holds the key, e.g. `apiKeyEnv: OPENAI_API_KEY`",
  "providers.*.apiKeyHeader": "a header name, e.g. `apiKeyHeader: api-key` for Azure OpenAI",
  "providers.*.headers":
    'a mapping of header names to text values, e.g. `headers: {api-version: "2024-10-21"}` (quote numbers and dates)',
  "providers.*.headers.*": 'a text value; quote it, e.g. `api-version: "2024-10-21"`',
  "providers.*.headersFromEnv":
    "a mapping of header names to environment variable NAMES, e.g. `headersFromEnv: {X-Auth-Token: MY_TOKEN}`",
  "providers.*.headersFromEnv.*": "the NAME of an environment variable, e.g. `X-Auth-Token: MY_TOKEN`",
  "providers.*.concurrency": "a whole number from 1 to 1024, e.g. `concurrency: 4`",
  "providers.*.requestsPerMinute": "a number above 0, e.g. `requestsPerMinute: 60`",
  "providers.*.tokensPerMinute": "a whole number above 0, e.g. `tokensPerMinute: 200000`",
  "providers.*.timeoutMs": "milliseconds as a whole number ≥ 1, e.g. `timeoutMs: 60000`",
  "providers.*.maxRetries": "a whole number from 0 to 20, e.g. `maxRetries: 4`",
  "providers.*.cache": "write `cache: true` or `cache: false`",
  "providers.*.threads": "CPU threads for a gguf provider, a whole number from 1 to 256, e.g. `threads: 1`",
  "providers.*.contextSize":
    "context tokens for a gguf provider, a whole number ≥ 16, e.g. `contextSize: 4096`",
  "providers.*.gpu": "write `gpu: true` to let llama.cpp use a GPU, or `gpu: false`",
  models: "a mapping with `default:` and `aliases:`",
  "models.default": "a model id `provider:name` or an alias, e.g. `default: openai:gpt-4o-mini`",
  "models.aliases":
    'a mapping of alias names to model ids, e.g. `aliases: {target: "local:meta-llama/Llama-3.1-8B-Instruct"}`',
  "models.aliases.*":
    "alias names use letters, digits, `.`, `-`, `_` (no `:`); the value is a model id `provider:name`, e.g. `openai:gpt-4o-mini`",
  datasets: "a mapping with `root:` and `sources:`",
  "datasets.root": "a directory path, e.g. `root: .breakfix/datasets`",
  "datasets.sources":
    "a mapping of dataset ids to `{url, sha256}`, e.g. `sources: {harmbench: {url: https://mirror.example/harmbench.csv}}`",
  "datasets.sources.*":
    "dataset ids use letters, digits, `.`, `-`, `_`; the value is a mapping `{url, sha256}`",
  "datasets.sources.*.url": "an http(s) URL, e.g. `url: https://mirror.example/harmbench.csv`",
  "datasets.sources.*.sha256": "the file's 64-hex-digit SHA-256 (from `sha256sum FILE`)",
  taxonomy: "a mapping with `areas:`, a list of harm areas",
  "taxonomy.areas": "a list of areas, each `- id: ...` with name, description and bands",
  "taxonomy.areas.*":
    "each area is a mapping: `- id: election-integrity`, `name: ...`, `description: ...`, `bands: {very_low, low, medium, high}`",
  "taxonomy.areas.*.id": "a kebab-case id: lowercase letters, digits and dashes, e.g. `election-integrity`",
  "taxonomy.areas.*.name": "a short non-empty name, e.g. `name: Election integrity`",
  "taxonomy.areas.*.description": "one non-empty sentence saying what content the area covers",
  "taxonomy.areas.*.bands": "a mapping with `very_low`, `low`, `medium` and `high`, one sentence each",
  "taxonomy.areas.*.bands.*": "one non-empty sentence describing content at that severity band",
};

/** Whether `pattern` (dotted, `*` = any one segment) matches the field path. */
function matches(pattern: string, path: readonly (string | number)[]): boolean {
  const parts = pattern === "" ? [] : pattern.split(".");
  return parts.length === path.length && parts.every((p, i) => p === "*" || p === String(path[i]));
}

/** The most specific pattern of `table` that matches the path (exact segments beat `*`). */
export function lookupByPath<T>(table: Record<string, T>, path: readonly (string | number)[]): T | undefined {
  const stars = (pattern: string): number => pattern.split("*").length - 1;
  const best = Object.keys(table)
    .filter((pattern) => matches(pattern, path))
    .sort((a, b) => stars(a) - stars(b))[0];
  return best === undefined ? undefined : table[best];
}

export function hintFor(path: readonly (string | number)[]): string {
  return lookupByPath(HINTS, path) ?? "see breakfix.example.yaml for the expected shape";
}
