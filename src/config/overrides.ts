import { isScalar, parseDocument } from "yaml";
import { configError } from "./config-error.js";
import { isSecretField } from "./describe-issue.js";
import { looksLikeApiKey } from "./schema.js";
import type { FieldPath } from "./yaml-source.js";

/** One `--set key=value` argument, parsed. */
export interface SetOverride {
  /** The argument as typed, for error messages. */
  arg: string;
  path: string[];
  value: unknown;
}

/**
 * Values are YAML scalars so `--set cache=false` is a boolean and `--set providers.local.concurrency=4` a
 * number; `[...]`/`{...}` are flow collections (`--set 'providers.az.headers={api-version: "2024-10-21"}'`).
 * Anything else that YAML would read as a structure (`a: b`) stays the literal text.
 */
function parseValue(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false });
  const structured = /^\s*[[{]/.test(text);
  if (doc.errors.length > 0 || !(structured || isScalar(doc.contents) || doc.contents === null)) return text;
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch {
    return text; // an alias bomb on the command line: keep it as text, validation rejects it
  }
}

/** The argument as error messages show it: the value hidden where it may be a secret. */
export function shownSetArg(set: SetOverride): string {
  return isSecretField(set.path) || (typeof set.value === "string" && looksLikeApiKey(set.value))
    ? `${set.path.join(".")}=<hidden>`
    : set.arg;
}

export function parseSetOverride(arg: string): SetOverride {
  const eq = arg.indexOf("=");
  const key = eq < 0 ? "" : arg.slice(0, eq).trim();
  const path = key.split(".");
  // `__proto__` & co. would write into Object.prototype rather than the config.
  if (eq < 0 || path.some((segment) => segment === "" || segment in Object.prototype)) {
    throw configError(
      "expected key=value",
      "write a dotted key, `=`, and the value, e.g. `--set providers.local.concurrency=4` or `--set cache=false`",
      { field: looksLikeApiKey(arg) ? "--set <hidden>" : `--set ${arg}` },
    );
  }
  return { arg, path, value: parseValue(arg.slice(eq + 1)) };
}

const isMapping = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** Writes the override into the (already parsed) config data, creating sections as needed. */
export function applySetOverride(data: Record<string, unknown>, set: SetOverride): void {
  let node: Record<string, unknown> | unknown[] = data;
  set.path.forEach((segment, i) => {
    const last = i === set.path.length - 1;
    const index = Array.isArray(node) ? Number(segment) : Number.NaN;
    if (Array.isArray(node) && !(Number.isInteger(index) && index >= 0 && index <= node.length)) {
      throw configError(
        `"${set.path.slice(0, i).join(".")}" is a list and "${segment}" is not a position in it`,
        `use a list position from 0 to ${node.length}, e.g. \`--set ${set.path.slice(0, i).join(".")}.0.name=...\``,
        { field: `--set ${shownSetArg(set)}` },
      );
    }
    const container = node as Record<string, unknown>;
    const slot = Array.isArray(node) ? index : segment;
    if (last) {
      container[slot] = set.value;
      return;
    }
    const child = container[slot];
    if (child === undefined || child === null) container[slot] = {};
    else if (!isMapping(child) && !Array.isArray(child)) {
      throw configError(
        `"${set.path.slice(0, i + 1).join(".")}" is a single value, not a section`,
        `set the value itself (\`--set ${set.path.slice(0, i + 1).join(".")}=...\`) or check the key's spelling`,
        { field: `--set ${shownSetArg(set)}` },
      );
    }
    node = container[slot] as Record<string, unknown> | unknown[];
  });
}

/** The override that produced the field at `path` (the last one wins), if any. */
export function overrideFor(sets: readonly SetOverride[], path: FieldPath): SetOverride | undefined {
  const covers = (set: SetOverride): boolean => set.path.every((segment, i) => String(path[i]) === segment);
  return sets.filter(covers).at(-1);
}
