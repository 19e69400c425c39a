import { containsKeyFormat, redactKeyFormats } from "./credentials.js";

/**
 * A process-wide list of secret values (API keys read from the environment) that must never be written to
 * the store, logs or reports. Providers register the keys they read; every writer of text to the outside
 * passes it through `redactSecrets`.
 */
const secrets = new Set<string>();

/** Registers a secret value; values shorter than 6 characters are ignored (too likely to be common text). */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 6) secrets.add(value);
}

export function redactSecrets(text: string): string {
  let out = text;
  for (const s of secrets) {
    if (out.includes(s)) out = out.split(s).join("[REDACTED]");
  }
  // Keys in a known format (sk-, ghp_, AKIA, JWTs, ...) even when nobody registered them: a server may echo
  // a header or another key it holds.
  out = redactKeyFormats(out);
  // Bearer tokens in echoed headers, even ones we were not told about (the scan only when one may be there).
  if (!out.includes("Bearer")) return out;
  return out.replace(/(Bearer\s+)[A-Za-z0-9._~+/-]{8,}=*/g, "$1[REDACTED]");
}

/**
 * Whether `redactSecrets` could change `text` or any string serialised into it as JSON: a registered secret
 * shows in it (raw, or escaped as JSON writes it) or "Bearer" does. False lets a writer skip redacting.
 */
export function mayHoldSecret(text: string): boolean {
  if (text.includes("Bearer")) return true;
  if (containsKeyFormat(text)) return true;
  for (const s of secrets) if (text.includes(s) || text.includes(JSON.stringify(s).slice(1, -1))) return true;
  return false;
}

/** For tests. */
export function clearSecrets(): void {
  secrets.clear();
}
