import { readFile } from "node:fs/promises";
import path from "node:path";
import { BreakfixError, sha256Hex } from "../core/index.js";
import type { DatasetFile, DatasetPlugin, DatasetSpec, LoadedDataset, LoadedFile } from "./plugin.js";
import { createReader } from "./reader.js";

/** Version tag of a set of files: the dataset id and a short hash over every file's path and hash. */
export function sourceTag(id: string, files: readonly LoadedFile[]): string {
  const digest = sha256Hex(
    files
      .map((f) => `${f.path}:${f.sha256}`)
      .sort()
      .join("\n"),
  );
  return `${id}@${digest.slice(0, 12)}`;
}

/** Adds `load` and `loadFile` to a dataset definition. */
export function defineDataset<R>(spec: DatasetSpec<R>): DatasetPlugin<R> {
  const finish = (records: R[], files: LoadedFile[], warnings: string[]): LoadedDataset<R> => {
    const source = sourceTag(spec.id, files);
    return {
      id: spec.id,
      source,
      records,
      samples: records.flatMap((r) => spec.toSample(r, source)),
      files,
      warnings,
    };
  };
  return {
    ...spec,
    async load(options = {}) {
      const reader = createReader(spec as DatasetSpec<unknown>, options);
      const records = await spec.parse(reader);
      const loaded = finish(records, reader.files, reader.warnings);
      const expectedSamples = spec.expectedSamples ?? spec.expectedRows;
      if (records.length !== spec.expectedRows || loaded.samples.length !== expectedSamples) {
        loaded.warnings.push(
          `${spec.id}: loaded ${records.length} rows / ${loaded.samples.length} samples, documented ${spec.expectedRows} / ${expectedSamples}`,
        );
      }
      return loaded;
    },
    async loadFile(file) {
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (e) {
        throw new BreakfixError(
          "NOT_FOUND",
          `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
          {
            location: { file },
            fix: "check the path",
          },
        );
      }
      const sha256 = sha256Hex(bytes);
      const ref: DatasetFile = { path: path.basename(file), display: file, bytes, sha256 };
      return finish(spec.parseFile(ref), [{ path: ref.path, sha256, from: file }], []);
    },
  };
}
