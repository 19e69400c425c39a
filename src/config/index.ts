// PLACEHOLDER — replaced by the config work (issue 2, item 7). Keeps the CLI compiling meanwhile.
import type { ModelsConfig } from "../models/provider-config.js";

export interface BreakfixConfig {
  db?: string;
  models: ModelsConfig;
}

export interface LoadConfigOptions {
  file?: string;
  sets: string[];
  cwd: string;
  env: Record<string, string | undefined>;
}

export async function loadConfig(_options: LoadConfigOptions): Promise<BreakfixConfig> {
  return { models: { providers: {}, cacheDir: ".breakfix/cache", cache: true } };
}
