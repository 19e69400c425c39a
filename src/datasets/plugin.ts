import type { Plugin, Progress, Sample } from "../core/index.js";

/** One file of a dataset as read: its bytes, hash, and the name to show in messages. */
export interface DatasetFile {
  /** Path relative to the dataset folder (`model_completions/x.csv`), or the user's path for --path. */
  path: string;
  /** Where it was read from (a local path, or `url (cached at ...)`), for error messages. */
  display: string;
  bytes: Uint8Array;
  sha256: string;
}

/** How a loader reads its files, wherever they come from (local folder or download cache). */
export interface DatasetReader {
  read(path: string): Promise<DatasetFile>;
  /** Relative paths of the dataset's files under `prefix` ending in `extension`, sorted. */
  list(prefix: string, extension: string): Promise<string[]>;
}

export interface LoadOptions {
  /** The datasets root (a folder holding `xstest/`, `harmbench/`, ...). */
  root?: string;
  /** Download cache root; files land at `<cacheDir>/datasets/<sha256>`. */
  cacheDir?: string;
  /** Fetch files missing locally from their canonical upstream URL (checked against their sha256). */
  download?: boolean;
  /** Base URL laid out like the datasets root, used instead of the upstream URLs. */
  mirror?: string;
  /**
   * A configured replacement source (`datasets.sources.<id>`): for a single-file dataset the file's URL
   * (and optionally its sha256); otherwise a base URL laid out like the dataset's folder.
   */
  source?: { url: string; sha256?: string };
  signal?: AbortSignal;
  progress?: Progress;
}

export interface LoadedFile {
  path: string;
  sha256: string;
  from: string;
}

export interface LoadedDataset<R = unknown> {
  id: string;
  /** `<id>@<first 12 hex of the hash of all file hashes>`: the `source` of every sample. */
  source: string;
  records: R[];
  samples: Sample[];
  files: LoadedFile[];
  /** Non-fatal findings: a file differs from MANIFEST.json, the row count differs from the documented one. */
  warnings: string[];
}

/** What a dataset definition provides; `defineDataset` adds loading on top. */
export interface DatasetSpec<R> extends Plugin {
  readonly license: string;
  /** Folder under the datasets root. */
  readonly folder: string;
  /** Records (rows) in the published dataset, as its PROVENANCE states. */
  readonly expectedRows: number;
  /** Samples produced, when it differs from the rows (MultiJail: one per language). */
  readonly expectedSamples?: number;
  readonly homepage: string;
  /** Which paths of the dataset folder (and of its MANIFEST.json) belong to this dataset. */
  readonly files: RegExp;
  /** Files whose presence means the dataset is here (any one of them). */
  readonly probe: readonly string[];
  /** sha256 pins of the files a user downloads; other files' hashes come from MANIFEST.json when present. */
  readonly pinned: Readonly<Record<string, string>>;
  /** Whether the text is harmful (the CLI prints a content warning before showing it). */
  readonly harmful: boolean;
  /** Canonical upstream URL of a file, by its path in the dataset folder. */
  upstreamUrl(path: string): string | undefined;
  /** Reads the whole dataset. */
  parse(reader: DatasetReader): Promise<R[]>;
  /** Parses one user-supplied file in this dataset's format (`data check`, `--path`). */
  parseFile(file: DatasetFile): R[];
  /** The samples of one record: usually one; MultiJail gives one per language. */
  toSample(record: R, source: string): Sample | Sample[];
}

export interface DatasetPlugin<R = unknown> extends DatasetSpec<R> {
  load(options?: LoadOptions): Promise<LoadedDataset<R>>;
  /** Loads one file in this dataset's format from a path. */
  loadFile(file: string): Promise<LoadedDataset<R>>;
}
