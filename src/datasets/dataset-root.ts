import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface DatasetsRoot {
  root: string;
  /** Which rule chose it: `config`, `env`, `cwd` or `package`. */
  from: "config" | "env" | "cwd" | "package";
}

/** The package root: two levels above this file, both in `src/datasets/` and in `dist/datasets/`. */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Where datasets are read from: `datasets.root` from config, else `$BREAKFIX_DATASETS`, else
 * `../shared/datasets` beside the working directory when it exists, else the same beside the package.
 */
export function resolveDatasetsRoot(input: {
  configured?: string;
  env: Record<string, string | undefined>;
  cwd: string;
}): DatasetsRoot {
  if (input.configured) return { root: path.resolve(input.cwd, input.configured), from: "config" };
  const env = input.env["BREAKFIX_DATASETS"];
  if (env) return { root: path.resolve(input.cwd, env), from: "env" };
  const besideCwd = path.resolve(input.cwd, "..", "shared", "datasets");
  if (existsSync(besideCwd)) return { root: besideCwd, from: "cwd" };
  return { root: path.resolve(PACKAGE_ROOT, "..", "shared", "datasets"), from: "package" };
}
