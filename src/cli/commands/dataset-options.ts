import { existsSync } from "node:fs";
import path from "node:path";
import { DEFAULT_DATASETS_ROOT } from "../../config/index.js";
import { type LoadOptions, resolveDatasetsRoot } from "../../datasets/index.js";
import type { CliContext } from "../context.js";

/**
 * Where datasets load from for any command. The config always carries a root (its default
 * `.breakfix/datasets`); only one that exists or was set to something else takes precedence over
 * $BREAKFIX_DATASETS and the shared folder.
 */
export async function datasetLoadOptions(
  ctx: CliContext,
  opts: { download?: boolean; mirror?: string } = {},
): Promise<LoadOptions> {
  const config = await ctx.config();
  const configured = config.datasets.root;
  const isDefault = configured === path.resolve(config.baseDir, DEFAULT_DATASETS_ROOT);
  const { root } = resolveDatasetsRoot({
    configured: !isDefault || existsSync(configured) ? configured : undefined,
    env: ctx.io.env,
    cwd: ctx.io.cwd,
  });
  return {
    root,
    cacheDir: config.models.cacheDir,
    download: opts.download,
    mirror: opts.mirror,
    signal: ctx.io.signal,
    progress: ctx.progress(),
  };
}
