import { existsSync } from "node:fs";
import path from "node:path";
import { readManifest } from "./manifest.js";
import type { DatasetSpec } from "./plugin.js";

export interface DatasetFileInfo {
  /** Path in the dataset folder. */
  path: string;
  /** sha256 from the built-in pin or the folder's MANIFEST.json. */
  sha256?: string;
  /** Canonical upstream URL. */
  url?: string;
  /** Whether the file is in the local folder. */
  present: boolean;
}

/**
 * The files of a dataset with their hashes: the built-in pins (the files a user downloads) plus, when the
 * local folder has a MANIFEST.json, every file it lists that belongs to this dataset.
 */
export async function datasetFiles(
  spec: DatasetSpec<unknown>,
  root: string | undefined,
): Promise<DatasetFileInfo[]> {
  const folder = root ? path.join(root, spec.folder) : undefined;
  const manifest = folder ? await readManifest(folder) : new Map<string, string>();
  const paths = new Set([
    ...Object.keys(spec.pinned),
    ...[...manifest.keys()].filter((p) => spec.files.test(p)),
  ]);
  return [...paths].sort().map((p) => ({
    path: p,
    sha256: spec.pinned[p] ?? manifest.get(p),
    url: spec.upstreamUrl(p),
    present: folder !== undefined && existsSync(path.join(folder, p)),
  }));
}
