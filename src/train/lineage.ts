import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { BreakfixError, sha256Hex } from "../core/index.js";
import type { Store } from "../store/index.js";

/**
 * A checkpoint's store id: its weights' hash, so the same weights are one checkpoint wherever they lie
 * (a model without a single weights file, e.g. a sharded or remote one, is named by its location).
 */
export function checkpointIdOf(dir: string): string {
  const weights = path.join(dir, "model.safetensors");
  const bytes = existsSync(weights) ? readFileSync(weights) : `location:${path.resolve(dir)}`;
  return `ckpt-${sha256Hex(bytes).slice(0, 16)}`;
}

export interface LineageRecord {
  parentDir: string;
  outDir: string;
  kind: string;
  dataVersion: string;
  config: Record<string, unknown>;
  metrics: Record<string, number>;
  runId: string;
}

/**
 * Records a trained checkpoint and its parent in the store. A parent the store has not seen (a shipped
 * base, a folder from elsewhere) is recorded first as an `import` with no parent of its own.
 */
export function recordLineage(store: Store, r: LineageRecord): { id: string; parentId: string } {
  const parentId = checkpointIdOf(r.parentDir);
  if (!store.checkpoints.get(parentId)) {
    store.checkpoints.put({ id: parentId, kind: "import", location: path.resolve(r.parentDir) });
  }
  const id = checkpointIdOf(r.outDir);
  if (id === parentId) {
    throw new BreakfixError("DATA_INVALID", `training left the weights of ${r.parentDir} unchanged`, {
      fix: "check the learning rate and the number of steps",
    });
  }
  store.checkpoints.put({
    id,
    parentId,
    runId: r.runId,
    kind: r.kind,
    location: path.resolve(r.outDir),
    dataVersion: r.dataVersion,
    config: r.config,
    metrics: r.metrics,
  });
  return { id, parentId };
}
