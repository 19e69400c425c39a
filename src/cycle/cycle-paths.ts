import path from "node:path";
import { modelIdRelativeTo } from "../models/index.js";
import { looksLikeObjectivesFile } from "../redteam/index.js";

/**
 * A relative path in a cycle file means "next to this file", wherever breakfix is started from: model ids
 * `engine:./x` / `engine:../x` (an explicit relative path; a bare `engine:base` stays a checkpoint name),
 * `gguf:<relative path>`, `bench.capabilityFile`, `bench.customFile`, `redteam.templates` and objective files in
 * `redteam.objectives`. Rewrites them in the file's raw data against `dir`
 * (flags are left alone: they are relative to the working directory, as on any command line).
 */
export function resolveCycleFilePaths(data: Record<string, unknown>, dir: string): Record<string, unknown> {
  const out = { ...data };
  if (typeof out.model === "string") out.model = modelIdRelativeTo(out.model, dir);
  for (const [section, key, resolve] of [
    ["redteam", "attacker", modelIdRelativeTo],
    ["fixData", "teacher", modelIdRelativeTo],
    ["bench", "capabilityFile", (file: string, base: string) => path.resolve(base, file)],
    [
      "fixData",
      "helpfulness",
      (file: string, base: string) =>
        file === "builtin" || file === "none" ? file : path.resolve(base, file),
    ],
    ["bench", "customFile", (file: string, base: string) => path.resolve(base, file)],
    ["redteam", "templates", (file: string, base: string) => path.resolve(base, file)],
  ] as const) {
    const value = out[section];
    if (value === null || typeof value !== "object" || Array.isArray(value)) continue;
    const field = (value as Record<string, unknown>)[key];
    if (typeof field === "string") out[section] = { ...value, [key]: resolve(field, dir) };
  }
  const redteam = out.redteam as Record<string, unknown> | undefined;
  if (redteam && typeof redteam === "object" && Array.isArray(redteam.objectives)) {
    const objectives = redteam.objectives.map((o) =>
      typeof o === "string" && looksLikeObjectivesFile(o) ? path.resolve(dir, o) : o,
    );
    out.redteam = { ...redteam, objectives };
  }
  return out;
}
