import { existsSync } from "node:fs";
import path from "node:path";
import { type DatasetFileInfo, datasetFiles } from "./dataset-files.js";
import { cachedPath } from "./download.js";
import type { DatasetPlugin, LoadOptions } from "./plugin.js";

export interface DatasetListEntry {
  id: string;
  description: string;
  rows: number;
  samples: number;
  license: string;
  available: boolean;
  from: string;
  homepage: string;
  files: DatasetFileInfo[];
}

/** Where a dataset loads from here, and whether it is available, for `data list`. */
export async function datasetListEntry(d: DatasetPlugin, options: LoadOptions): Promise<DatasetListEntry> {
  const folder = path.join(options.root ?? "", d.folder);
  const local = d.probe.find((p) => existsSync(path.join(folder, p)));
  const pins = Object.entries(d.pinned);
  const cached =
    pins.length > 0 && pins.every(([, sha]) => existsSync(cachedPath(options.cacheDir ?? "", sha)));
  const firstPin = pins[0]?.[0];
  const from = local
    ? folder
    : cached
      ? `cache ${options.cacheDir}`
      : firstPin
        ? `--download from ${d.upstreamUrl(firstPin)}`
        : `not here (get it from ${d.homepage})`;
  return {
    id: d.id,
    description: d.description,
    rows: d.expectedRows,
    samples: d.expectedSamples ?? d.expectedRows,
    license: d.license,
    available: Boolean(local) || cached,
    from,
    homepage: d.homepage,
    files: await datasetFiles(d, options.root),
  };
}

export function formatDatasetList(entries: DatasetListEntry[]): string {
  return entries
    .map((e) => {
      const rows = e.samples === e.rows ? `${e.rows}` : `${e.rows} rows / ${e.samples} samples`;
      const files = `${e.files.length} file${e.files.length === 1 ? "" : "s"} with sha256`;
      return `${e.available ? "✓" : "✗"} ${e.id.padEnd(22)} ${rows.padEnd(24)} ${e.license}\n    ${e.from} (${files})`;
    })
    .join("\n");
}
