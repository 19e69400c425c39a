/**
 * What a credential looks like, for the places that must keep one out of config files, the store, logs and
 * reports: header names that carry credentials, known key formats, and long high-entropy tokens.
 */

/** Header names that carry a credential whatever their value (compared lower-case). */
const CREDENTIAL_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "api-key",
  "x-api-key",
  "apikey",
  "ocp-apim-subscription-key",
  "x-goog-api-key",
  "x-functions-key",
]);

/** A word in a header name that marks it as a credential (`X-Auth-Token`, `X-Client-Secret`, `X-Session-Id`). */
const CREDENTIAL_NAME_WORD =
  /(?:^|[-_])(?:auth|token|secret|password|passwd|pwd|key|apikey|credential|credentials|session|signature|cookie)(?:$|[-_])/i;

export function isCredentialHeaderName(name: string): boolean {
  const lower = name.toLowerCase();
  return CREDENTIAL_HEADERS.has(lower) || CREDENTIAL_NAME_WORD.test(lower);
}

/**
 * Key formats of common providers: OpenAI/Anthropic/Stripe-style `sk-`, GitHub `ghp_`/`github_pat_`, GitLab,
 * Slack, Hugging Face, Groq, xAI, npm, AWS access key ids, Google API keys and OAuth tokens, JWTs, and
 * `Bearer`/`Basic` credentials. Each needs a run of token characters after its prefix, so prose rarely matches.
 */
const KEY_FORMAT_SOURCE = [
  String.raw`\b(?:sk|pk|rk)[-_](?:[A-Za-z0-9]+[-_])*[A-Za-z0-9]{16,}`,
  String.raw`\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}`,
  String.raw`\bgithub_pat_[A-Za-z0-9_]{20,}`,
  String.raw`\bglpat-[A-Za-z0-9_-]{16,}`,
  String.raw`\bxox[abprs]-[A-Za-z0-9-]{10,}`,
  String.raw`\b(?:hf|gsk|npm)_[A-Za-z0-9]{20,}`,
  String.raw`\bxai-[A-Za-z0-9]{20,}`,
  String.raw`\b(?:AKIA|ASIA)[0-9A-Z]{16}\b`,
  String.raw`\bAIza[0-9A-Za-z_-]{30,}`,
  String.raw`\bya29\.[0-9A-Za-z_-]{20,}`,
  String.raw`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`,
].join("|");

const KEY_FORMAT_ANYWHERE = new RegExp(KEY_FORMAT_SOURCE);
// Redaction runs on every recorded model call: one compiled global pattern, one pass.
const KEY_FORMAT_ALL = new RegExp(KEY_FORMAT_SOURCE, "g");

/** Whether a known key format appears anywhere in `text`. */
export function containsKeyFormat(text: string): boolean {
  return KEY_FORMAT_ANYWHERE.test(text);
}

/** `text` with every key in a known format replaced by `[REDACTED]`. */
export function redactKeyFormats(text: string): string {
  return text.replace(KEY_FORMAT_ALL, "[REDACTED]");
}

/** Shannon entropy of a string in bits per character. */
function entropyBits(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * True when a value looks like a credential: a known key format, `Bearer`/`Basic` followed by a token, or a
 * long random-looking token (20+ token characters with a high-entropy run of 16+ letters and digits, as in
 * hex digests and base64 keys). Dates, versions, UUIDs, model names and words do not.
 */
export function looksLikeSecretValue(value: string): boolean {
  const v = value.trim();
  if (/^(?:bearer|basic|token)\s+\S{8,}/i.test(v)) return true;
  if (containsKeyFormat(v)) return true;
  if (v.length < 20 || !/^[A-Za-z0-9._~+/=:-]+$/.test(v)) return false;
  // A random run of 16+ characters mixing letters and digits: `meta-llama/Llama-3.1-8B-Instruct`, versions
  // and UUIDs are made of short words and groups, a key of one long run.
  return v
    .split(/[-_.:/+=~]/)
    .some((run) => run.length >= 16 && /[0-9]/.test(run) && /[A-Za-z]/.test(run) && entropyBits(run) >= 3);
}
