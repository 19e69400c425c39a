import { readFileSync } from "node:fs";
import path from "node:path";
import { BreakfixError, type ErrorLocation } from "../core/index.js";
import { parseLocatedYaml } from "../datasets/index.js";
import type { ModelAliases } from "../models/index.js";
import { checkCycleConfig } from "./check-cycle-config.js";
import { type CycleConfig, cycleConfigSchemaWith } from "./cycle-config.js";
import { resolveCycleFilePaths } from "./cycle-paths.js";

/** Cycle configs are a page or two; anything larger is a mistake. */
const MAX_BYTES = 128 * 1024;

const SHAPE =
  "a cycle config looks like: `model: engine:base`, `rounds: 2`, `seed: 1`, `bench: { suites: [...] }`, " +
  "`redteam: { ... }`, `training: { sft: { steps: 60 } }` (see the README's Main job section)";

/** Command-line values that replace the file's (flags win over the file). */
export interface CycleFlags {
  model?: string;
  rounds?: number;
  seed?: number;
}

/**
 * Reads a cycle config (YAML or JSON) and applies the flags. Every problem is one CONFIG_INVALID error
 * with the file, line, column and field, and a fix; without a file only the flags are validated. Model ids
 * may name breakfix.yaml's `aliases`.
 */
export function loadCycleConfig(input: {
  file?: string;
  cwd: string;
  flags?: CycleFlags;
  aliases?: ModelAliases;
}): CycleConfig {
  const { data, locate } = input.file ? readYaml(input.file, input.cwd) : { data: {}, locate: undefined };
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new BreakfixError("CONFIG_INVALID", "the cycle config must be a mapping of keys to values", {
      location: locate?.([]) ?? {},
      fix: SHAPE,
    });
  }
  const flags = Object.fromEntries(Object.entries(input.flags ?? {}).filter(([, v]) => v !== undefined));
  const fromFile = input.file
    ? resolveCycleFilePaths(
        data as Record<string, unknown>,
        path.dirname(path.resolve(input.cwd, input.file)),
      )
    : (data as Record<string, unknown>);
  const merged = { ...fromFile, ...flags };
  const parsed = cycleConfigSchemaWith(input.aliases ?? {}).safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const fieldPath = (issue?.path ?? []).filter((p): p is string | number => typeof p !== "symbol");
    const top = String(fieldPath[0] ?? "");
    const fromFlag = top in flags;
    // An unknown key is shown where it was written (its own line), not at its parent.
    const extra = issue?.code === "unrecognized_keys" ? issue.keys : [];
    const field = [...fieldPath, ...extra.slice(0, 1)].join(".");
    throw new BreakfixError(
      "CONFIG_INVALID",
      extra.length
        ? `unknown key${extra.length > 1 ? `s ${extra.join(", ")}` : ""}`
        : (issue?.message ?? "invalid"),
      {
        location: fromFlag
          ? { field: `--${top}` }
          : { ...(locate?.([...fieldPath, ...extra.slice(0, 1)]) ?? {}), ...(field ? { field } : {}) },
        fix: fromFlag ? `pass a valid --${top}` : (issueFix(issue) ?? SHAPE),
      },
    );
  }
  checkCycleConfig(parsed.data, (fieldPath) => locate?.(fieldPath) ?? {});
  return parsed.data;
}

function readYaml(
  file: string,
  cwd: string,
): { data: unknown; locate: (p: readonly (string | number)[]) => ErrorLocation } {
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), "utf8");
  } catch (err) {
    throw new BreakfixError(
      "NOT_FOUND",
      `cannot read the cycle config: ${(err as NodeJS.ErrnoException).code}`,
      {
        location: { file },
        fix: "check the path given to `--config`",
      },
    );
  }
  if (text.length > MAX_BYTES) {
    throw new BreakfixError("CONFIG_INVALID", `the cycle config is larger than ${MAX_BYTES} bytes`, {
      location: { file },
      fix: "a cycle config is a page or two: keep it short",
    });
  }
  const parsed = parseLocatedYaml(text, file);
  return { data: parsed.data === undefined ? {} : parsed.data, locate: parsed.locate };
}

/** The fix a custom issue carries in `params.fix` (a judge id the parser refused says what to write). */
function issueFix(issue: unknown): string | undefined {
  return (issue as { params?: { fix?: string } } | undefined)?.params?.fix;
}
