import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { BreakfixError, sha256Hex } from "../core/index.js";
import { downloadToCache } from "./download.js";
import { readManifest } from "./manifest.js";
import type { DatasetFile, DatasetReader, DatasetSpec, LoadOptions } from "./plugin.js";

export interface TrackingReader extends DatasetReader {
  /** Files read so far, with where each came from. */
  readonly files: Array<{ path: string; sha256: string; from: string }>;
  readonly warnings: string[];
}

/**
 * Reads a dataset's files from `<root>/<folder>/` when they are there, else (with `download`) from the
 * download cache, fetching them from the mirror or upstream URL first. Every file read is hashed, and
 * compared with MANIFEST.json when there is one.
 */
export function createReader(spec: DatasetSpec<unknown>, options: LoadOptions): TrackingReader {
  const folder = options.root ? path.join(options.root, spec.folder) : undefined;
  const manifest = folder ? readManifest(folder) : Promise.resolve(new Map<string, string>());
  const files: TrackingReader["files"] = [];
  const warnings: string[] = [];

  /** Where a missing file can be fetched from and the sha256 it must have. */
  const remoteOf = async (rel: string): Promise<{ url?: string; sha?: string }> => {
    const pinned = spec.pinned[rel] ?? (await manifest).get(rel);
    const single = Object.keys(spec.pinned).length === 1 && rel in spec.pinned;
    if (options.source && single) return { url: options.source.url, sha: options.source.sha256 ?? pinned };
    if (options.source) return { url: `${options.source.url.replace(/\/+$/, "")}/${rel}`, sha: pinned };
    if (options.mirror)
      return { url: `${options.mirror.replace(/\/+$/, "")}/${spec.folder}/${rel}`, sha: pinned };
    return { url: spec.upstreamUrl(rel), sha: pinned };
  };

  const remote = async (rel: string): Promise<{ local: string; from: string }> => {
    const { url, sha } = await remoteOf(rel);
    if (!options.download || !url || !sha) {
      const why = !options.download
        ? ""
        : !url
          ? " and has no upstream URL"
          : " and has no pinned sha256 to check a download";
      throw new BreakfixError(
        "NOT_FOUND",
        `dataset ${spec.id}: file ${rel} is not in ${folder ?? "(no datasets root)"}${why}`,
        {
          location: { file: folder ? path.join(folder, rel) : rel },
          fix: options.download
            ? `download ${spec.homepage} yourself and set BREAKFIX_DATASETS (or datasets.root) to the folder holding ${spec.folder}/`
            : `set BREAKFIX_DATASETS or datasets.root to the folder holding ${spec.folder}/, or pass --download to fetch it from ${url ?? spec.homepage}`,
        },
      );
    }
    const local = await downloadToCache({
      url,
      sha256: sha,
      cacheDir: options.cacheDir ?? path.join(".breakfix", "cache"),
      signal: options.signal,
      progress: options.progress,
    });
    return { local, from: url };
  };

  return {
    files,
    warnings,
    async read(rel) {
      const localPath = folder ? path.join(folder, rel) : undefined;
      const where =
        localPath && existsSync(localPath) ? { local: localPath, from: localPath } : await remote(rel);
      const bytes = await readFile(where.local);
      const sha256 = sha256Hex(bytes);
      const expected = (await manifest).get(rel);
      if (expected && expected !== sha256)
        warnings.push(`${where.from}: sha256 ${sha256} differs from MANIFEST.json (${expected})`);
      files.push({ path: rel, sha256, from: where.from });
      const file: DatasetFile = { path: rel, display: where.from, bytes, sha256 };
      return file;
    },
    async list(prefix, extension) {
      const dir = folder ? path.join(folder, prefix) : undefined;
      if (dir && existsSync(dir)) {
        const found = await readdir(dir, { recursive: true, withFileTypes: true });
        return found
          .filter((e) => e.isFile() && e.name.endsWith(extension))
          .map((e) =>
            path
              .relative(folder as string, path.join(e.parentPath, e.name))
              .split(path.sep)
              .join("/"),
          )
          .sort();
      }
      const known = [...new Set([...Object.keys(spec.pinned), ...(await manifest).keys()])].filter((p) =>
        spec.files.test(p),
      );
      const listed = known.filter((p) => p.startsWith(prefix) && p.endsWith(extension)).sort();
      if (listed.length === 0) {
        throw new BreakfixError("NOT_FOUND", `dataset ${spec.id}: folder ${dir ?? prefix} is missing`, {
          fix: `set BREAKFIX_DATASETS or datasets.root to the folder holding ${spec.folder}/ (get it from ${spec.homepage})`,
        });
      }
      return listed;
    },
  };
}
