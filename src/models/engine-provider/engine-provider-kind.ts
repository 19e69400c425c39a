import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BreakfixError } from "../../core/index.js";
import { checkCheckpointFolder, loadCheckpoint } from "../../engine/formats/index.js";
import type { ProviderSettings } from "../provider-config.js";
import type { ProviderKind } from "../provider-kind.js";
import { createEngineModel, type LoadedEngineModel } from "./engine-model.js";

export interface EngineProviderConfig extends ProviderSettings {
  type: "engine";
  /** Where `engine:<name>` looks for a checkpoint folder named <name> (relative to the working directory). */
  checkpointsDir: string;
  /** Most greedy requests decoded together. */
  maxBatch: number;
}

export const ENGINE_DEFAULTS: EngineProviderConfig = {
  type: "engine",
  // Requests in flight are batched by the model, so let several through at once.
  concurrency: 16,
  timeoutMs: 600_000,
  maxRetries: 0,
  // Off: a retrained checkpoint keeps its path, and a path-keyed cache would answer with the old model.
  cache: false,
  checkpointsDir: ".breakfix/checkpoints",
  maxBatch: 16,
};

/**
 * Checkpoints shipped with the package (`checkpoints/` at its root, beside `src/` and `dist/`), found when
 * neither a folder nor a name under checkpointsDir matches: `engine:base` works offline out of the box.
 */
export const SHIPPED_CHECKPOINTS_DIR = fileURLToPath(new URL("../../../checkpoints", import.meta.url));

/**
 * Finds the checkpoint folder for `engine:<name>`: a path to a folder, a name under checkpointsDir, or a
 * checkpoint shipped with the package (so a rebuilt `base` under checkpointsDir wins over the shipped one).
 */
export function resolveCheckpointDir(name: string, checkpointsDir: string, cwd = process.cwd()): string {
  const direct = path.resolve(cwd, name);
  if (existsSync(direct) && statSync(direct).isDirectory()) return direct;
  const named = path.resolve(cwd, checkpointsDir, name);
  if (existsSync(named) && statSync(named).isDirectory()) return named;
  const shipped = path.join(SHIPPED_CHECKPOINTS_DIR, name);
  if (/^[\w.-]+$/.test(name) && existsSync(path.join(shipped, "config.json"))) return shipped;
  throw new BreakfixError("NOT_FOUND", `No engine checkpoint "${name}" (looked at ${direct} and ${named})`, {
    fix: `pass a checkpoint folder (engine:./path/to/checkpoint) or put one under ${checkpointsDir}/`,
  });
}

/** `engine:<checkpoint>`: a model of the built-in engine, loaded once per checkpoint and run in-process. */
export const engineProviderKind: ProviderKind<EngineProviderConfig> = {
  id: "engine",
  description:
    "built-in engine checkpoint run in-process (engine:./checkpoints/base or a name under .breakfix/checkpoints)",
  defaults: ENGINE_DEFAULTS,
  listed: true,
  create({ name: provider, config, cwd }) {
    const settings = { ...ENGINE_DEFAULTS, ...config };
    const loads = new Map<string, Promise<LoadedEngineModel>>();
    return {
      model(name) {
        const dir = resolveCheckpointDir(name, settings.checkpointsDir, cwd);
        // A bad checkpoint is bad input (exit 2, one line), found before any command starts work with it.
        checkCheckpointFolder(dir);
        const load = (): Promise<LoadedEngineModel> => {
          let loading = loads.get(dir);
          if (!loading) {
            loading = Promise.resolve().then(() => {
              const c = loadCheckpoint(dir);
              return { model: c.model, tokenizer: c.tokenizer };
            });
            // A failed load is not kept: the next call tries again (the folder may have been fixed).
            loading.catch(() => loads.delete(dir));
            loads.set(dir, loading);
          }
          return loading;
        };
        return createEngineModel({ id: `${provider}:${name}`, load, maxBatch: settings.maxBatch });
      },
    };
  },
};
