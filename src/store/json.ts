import { mayHoldSecret, redactSecrets } from "../core/index.js";

/** Text that came from the outside world (model replies, error reasons) is redacted before it is stored. */
export function clean(text: string): string;
export function clean(text: string | undefined): string | null;
export function clean(text: string | undefined): string | null {
  return text === undefined ? null : redactSecrets(text);
}

/**
 * JSON for a column, with every string inside redacted. Strings are redacted before serialising, so a
 * secret that JSON would escape is still found; when nothing in the plain serialisation could be redacted
 * (the usual case), that serialisation is the answer. Both paths serialise the same values (`toJSON`
 * included), so a value's shape never depends on whether a secret was in it.
 */
export function toJson(value: unknown): string {
  const json = JSON.stringify(value);
  return json !== undefined && mayHoldSecret(json) ? JSON.stringify(value, redactStrings) : json;
}

/** A `JSON.stringify` replacer: every string value (after `toJSON`) redacted; keys are kept as they are. */
function redactStrings(_key: string, v: unknown): unknown {
  return typeof v === "string" ? redactSecrets(v) : v;
}

export function toJsonOrNull(value: unknown): string | null {
  return value === undefined ? null : toJson(value);
}

export function fromJson<T>(text: string): T;
export function fromJson<T>(text: string | null): T | undefined;
export function fromJson<T>(text: string | null): T | undefined {
  return text === null ? undefined : (JSON.parse(text) as T);
}

/** SQLite NULL → absent field, so rows read back match the core types (which use optional fields). */
export function opt<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

export function nowIso(): string {
  return new Date().toISOString();
}
