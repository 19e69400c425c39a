import type { ModelsConfig } from "../models/index.js";
import type { Taxonomy } from "../taxonomy/index.js";

/** Model settings: the providers (what the model resolver takes) plus the default model and aliases. */
export interface ModelSettings extends ModelsConfig {
  /** Model id (`provider:name`) or alias used when a command is given no model. */
  default?: string;
  /** Short names for model ids: `target: local:meta-llama/Llama-3.1-8B-Instruct`. */
  aliases: Record<string, string>;
}

export interface DatasetSourceOverride {
  url: string;
  /** Expected SHA-256; when absent the built-in checksum of that source still applies. */
  sha256?: string;
}

export interface DatasetsConfig {
  /** Where downloaded and curated datasets live (absolute). */
  root: string;
  /** Per-source URL (and checksum) replacements, e.g. an internal mirror. */
  sources: Record<string, DatasetSourceOverride>;
}

/** The effective configuration: breakfix.yaml + `--set` overrides + defaults, paths made absolute. */
export interface BreakfixConfig {
  /** The config file that was read (absolute), or undefined when running on defaults. */
  file?: string;
  /** The directory relative paths in the file were resolved against. */
  baseDir: string;
  /** SQLite database (absolute). `--db` and $BREAKFIX_DB take precedence over it. */
  db: string;
  /** Providers, response cache (`cacheDir`, `cache`), default model and aliases. */
  models: ModelSettings;
  datasets: DatasetsConfig;
  /** Built-in harm areas plus those the config adds or overrides. */
  taxonomy: Taxonomy;
  /** Ids of the areas the config added or overrode (for display). */
  configuredAreas: string[];
}

export interface LoadConfigOptions {
  /** `--config FILE`; otherwise ./breakfix.yaml in `cwd` when present. */
  file?: string;
  /** `--set key=value` arguments, applied in order. */
  sets: string[];
  cwd: string;
  env: Record<string, string | undefined>;
}
