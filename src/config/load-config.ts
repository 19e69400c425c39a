import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { BreakfixError, type ErrorLocation } from "../core/index.js";
import { decodeText } from "../datasets/index.js";
import { buildConfig } from "./build-config.js";
import { configError } from "./config-error.js";
import { type ConfigProblem, describeIssue } from "./describe-issue.js";
import {
  applySetOverride,
  overrideFor,
  parseSetOverride,
  type SetOverride,
  shownSetArg,
} from "./overrides.js";
import { checkedConfigSchema } from "./schema.js";
import type { BreakfixConfig, LoadConfigOptions } from "./types.js";
import { type FieldPath, parseYamlSource, type YamlSource } from "./yaml-source.js";

export const DEFAULT_CONFIG_FILE = "breakfix.yaml";

/** The file to read: `--config`, else $BREAKFIX_CONFIG, else ./breakfix.yaml when present, else none. */
function findConfigFile(options: LoadConfigOptions): { shown: string; absolute: string } | undefined {
  const given = options.file ?? options.env["BREAKFIX_CONFIG"];
  if (given !== undefined && given !== "") {
    const absolute = path.resolve(options.cwd, given);
    if (!existsSync(absolute) || statSync(absolute).isDirectory()) {
      const what = existsSync(absolute) ? "is a directory, not a config file" : "config file does not exist";
      throw new BreakfixError("NOT_FOUND", what, {
        location: { file: given },
        fix: "check the path given to --config (or $BREAKFIX_CONFIG), or run `breakfix config init` to create a breakfix.yaml",
      });
    }
    return { shown: given, absolute };
  }
  const absolute = path.resolve(options.cwd, DEFAULT_CONFIG_FILE);
  return existsSync(absolute) ? { shown: DEFAULT_CONFIG_FILE, absolute } : undefined;
}

function readText(file: { shown: string; absolute: string }): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file.absolute);
  } catch (err) {
    throw new BreakfixError("NOT_FOUND", "cannot read the config file", {
      location: { file: file.shown },
      fix: "check the file's permissions",
      cause: err,
    });
  }
  // Strict UTF-8: a binary or Latin-1 file is one line naming the byte, never its bytes quoted back.
  return decodeText(bytes, file.shown);
}

const isMapping = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

function pathExists(data: unknown, fieldPath: FieldPath): boolean {
  let node = data;
  for (const segment of fieldPath) {
    if (node === null || typeof node !== "object" || !(String(segment) in node)) return false;
    node = (node as Record<string, unknown>)[String(segment)];
  }
  return true;
}

/**
 * Loads the effective config: the YAML file (positions kept), then each `--set`, validated together.
 * Any problem throws one CONFIG_INVALID error pointing at the first offending node (file order), with
 * "and N more" when there are others.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<BreakfixConfig> {
  const file = findConfigFile(options);
  const source: YamlSource | undefined = file ? parseYamlSource(readText(file), file.shown) : undefined;
  const fileData = source?.data ?? {};
  const sets: SetOverride[] = options.sets.map(parseSetOverride);

  // A file that is not a mapping is reported by validation below; overrides need a mapping to go into.
  let data: unknown = fileData;
  if (sets.length > 0 && isMapping(fileData)) {
    const merged = structuredClone(fileData);
    for (const set of sets) applySetOverride(merged, set);
    data = merged;
  }

  const result = checkedConfigSchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) => describeIssue(issue, data));
    throw toError(problems, { file: file?.shown, source, sets, fileData });
  }
  return buildConfig(result.data, {
    ...(file ? { file: file.absolute } : {}),
    baseDir: file ? path.dirname(file.absolute) : options.cwd,
    cwd: options.cwd,
    fromSet: (field) => overrideFor(sets, field) !== undefined,
  });
}

interface ErrorContext {
  file: string | undefined;
  source: YamlSource | undefined;
  sets: readonly SetOverride[];
  fileData: unknown;
}

/** Where a problem is: the `--set` that wrote the field, else the node in the file. */
function locate(problem: ConfigProblem, ctx: ErrorContext): { location: ErrorLocation; order: number[] } {
  const field = problem.path.join(".");
  // A --set can also cause a problem one level up (a new provider without baseUrl): blame it when the
  // file has no such section at all.
  const set =
    overrideFor(ctx.sets, problem.path) ??
    (pathExists(ctx.fileData, problem.path)
      ? undefined
      : ctx.sets.find((s) => problem.path.every((segment, i) => s.path[i] === String(segment))));
  if (set || !ctx.source) {
    return {
      location: { field: set ? `--set ${shownSetArg(set)}` : field },
      order: [Number.MAX_SAFE_INTEGER, set ? ctx.sets.indexOf(set) : 0],
    };
  }
  const { line, column } = ctx.source.positionOf(problem.path, problem.at);
  return { location: { file: ctx.file, line, column, ...(field ? { field } : {}) }, order: [line, column] };
}

function toError(problems: ConfigProblem[], ctx: ErrorContext): BreakfixError {
  // A problem inside a section is more telling than one about the whole section: a misspelt `basUrl`
  // also makes the provider "lack" baseUrl, and the typo is what to report.
  const isAncestor = (outer: FieldPath, inner: FieldPath): boolean =>
    outer.length < inner.length && outer.every((segment, i) => String(inner[i]) === String(segment));
  const located = problems.map((problem) => ({
    problem,
    ...locate(problem, ctx),
    general: problems.some((other) => isAncestor(problem.path, other.path)) ? 1 : 0,
  }));
  located.sort(
    (a, b) =>
      a.general - b.general || (a.order[0] ?? 0) - (b.order[0] ?? 0) || (a.order[1] ?? 0) - (b.order[1] ?? 0),
  );
  const first = located[0];
  if (!first) return configError("invalid config", "see breakfix.example.yaml", { file: ctx.file });
  const more = located.length - 1;
  const suffix = more > 0 ? ` (and ${more} more problem${more === 1 ? "" : "s"})` : "";
  return configError(`${first.problem.message}${suffix}`, first.problem.fix, first.location);
}
