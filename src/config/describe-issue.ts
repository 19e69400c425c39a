import type { z } from "zod";
import { didYouMean } from "./did-you-mean.js";
import { hintFor, lookupByPath } from "./field-hints.js";
import { KNOWN_KEYS } from "./schema.js";
import type { FieldPath } from "./yaml-source.js";

/** One config problem in user terms: the field, whether to point at its key or value, what, and the fix. */
export interface ConfigProblem {
  path: FieldPath;
  at: "key" | "value";
  message: string;
  fix: string;
}

type Issue = z.core.$ZodIssue;

const EXPECTED: Record<string, string> = {
  object: "a mapping (`key: value` lines)",
  array: "a list (`- item` lines)",
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
};

const FORMATS: Record<string, string> = {
  "providers.*.baseUrl": "is not an http(s) URL",
  "providers.*.apiKeyHeader": "is not a valid HTTP header name",
  "models.aliases.*": "is not a model id of the form `provider:name`",
  "datasets.sources.*.url": "is not an http(s) URL",
  "datasets.sources.*.sha256": "is not a 64-hex-digit SHA-256",
  "taxonomy.areas.*.id": "is not a kebab-case id",
};

// Values in these fields may be secrets written by mistake: describe their type, never echo them.
const SECRET_FIELDS: Record<string, true> = {
  "providers.*.apiKeyEnv": true,
  "providers.*.headers.*": true,
  "providers.*.headersFromEnv.*": true,
};

/** Whether a field's value must never be repeated back (it may be a secret written by mistake). */
export function isSecretField(path: FieldPath): boolean {
  return lookupByPath(SECRET_FIELDS, path) !== undefined;
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[String(segment)];
  }
  return node;
}

function describeValue(value: unknown, path: FieldPath): string {
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") {
    if (isSecretField(path)) return "text";
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  }
  return String(value);
}

function boundMessage(issue: Issue & { code: "too_small" | "too_big" }, got: string): string {
  if (issue.origin === "string") return issue.code === "too_small" ? "must not be empty" : "is too long";
  if (issue.origin === "array")
    return issue.code === "too_small" ? "must not be an empty list" : "is too long";
  const bound = Number(issue.code === "too_small" ? issue.minimum : issue.maximum);
  const op = issue.code === "too_small" ? (issue.inclusive ? "≥" : ">") : issue.inclusive ? "≤" : "<";
  return `must be ${op} ${bound} (got ${got})`;
}

/** Turns one zod issue into the problems a user should read (one per unknown key). */
export function describeIssue(issue: Issue, data: unknown): ConfigProblem[] {
  const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
  const value = valueAt(data, path);
  const got = describeValue(value, path);
  const hint = hintFor(path);
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = lookupByPath(KNOWN_KEYS, path) ?? [];
      return issue.keys.map((key) => {
        const suggestion = didYouMean(key, known);
        return {
          path: [...path, key],
          at: "key" as const,
          message: `unknown key "${key}"`,
          fix: suggestion
            ? `did you mean \`${suggestion}\`? Rename the key to \`${suggestion}:\``
            : `remove it; the keys allowed here are ${known.join(", ")}`,
        };
      });
    }
    case "invalid_key":
      return [{ path, at: "key", message: `invalid name "${String(path.at(-1))}"`, fix: hint }];
    case "invalid_type":
      if (value === undefined) {
        return [{ path, at: "key", message: `missing required key "${String(path.at(-1))}"`, fix: hint }];
      }
      return [
        {
          path,
          at: "value",
          message: `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${got}`,
          // YAML reads unquoted `0123`, `1e5` or `true` as numbers and booleans.
          fix:
            issue.expected === "string" && (typeof value === "number" || typeof value === "boolean")
              ? `put the value in quotes so YAML keeps it as text; ${hint}`
              : hint,
        },
      ];
    case "too_small":
    case "too_big":
      return [{ path, at: "value", message: boundMessage(issue, got), fix: hint }];
    case "invalid_format":
      return [
        {
          path,
          at: "value",
          message: `${got} ${lookupByPath(FORMATS, path) ?? "is not valid here"}`,
          fix: hint,
        },
      ];
    case "invalid_value": {
      const allowed = issue.values.map((v) => String(v));
      const suggestion = typeof value === "string" ? didYouMean(value, allowed) : undefined;
      return [
        {
          path,
          at: "value",
          message: `must be ${allowed.length === 1 ? "" : "one of "}${allowed.map((v) => `"${v}"`).join(", ")} (got ${got})`,
          fix: suggestion ? `did you mean \`${suggestion}\`? ${hint}` : hint,
        },
      ];
    }
    case "custom": {
      const fix = (issue.params as { fix?: string } | undefined)?.fix;
      return [{ path, at: "value", message: issue.message, fix: fix ?? hint }];
    }
    default:
      return [{ path, at: "value", message: issue.message, fix: hint }];
  }
}
