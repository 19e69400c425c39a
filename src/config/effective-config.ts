import type { ProviderConfig } from "../models/index.js";
import { BUILTIN_DEFAULT_MODEL } from "./resolve-model-id.js";
import type { BreakfixConfig, DatasetSourceOverride } from "./types.js";

/** A provider as `config show` prints it: the settings, and whether its key variable is set (never the key). */
export type ProviderView = ProviderConfig & { apiKeySet?: boolean };

/** What `breakfix config show` prints: plain data (YAML or JSON), no secrets. */
export interface EffectiveConfigView {
  file: string | null;
  db: string;
  cacheDir: string;
  cache: boolean;
  providers: Record<string, ProviderView>;
  /** `default` is the model used when none is given: the configured one, else the built-in model. */
  models: { default: string; aliases: Record<string, string> };
  datasets: { root: string; sources: Record<string, DatasetSourceOverride> };
  taxonomy: { areas: number; configured: { id: string; name: string; source: string }[] };
}

export function effectiveConfigView(
  config: BreakfixConfig,
  env: Record<string, string | undefined>,
): EffectiveConfigView {
  const providers: Record<string, ProviderView> = {};
  for (const [name, provider] of Object.entries(config.models.providers)) {
    providers[name] =
      provider.type === "openai" && provider.apiKeyEnv
        ? { ...provider, apiKeySet: Boolean(env[provider.apiKeyEnv]) }
        : { ...provider };
  }
  return {
    file: config.file ?? null,
    db: config.db,
    cacheDir: config.models.cacheDir,
    cache: config.models.cache,
    providers,
    models: { default: config.models.default ?? BUILTIN_DEFAULT_MODEL, aliases: config.models.aliases },
    datasets: config.datasets,
    taxonomy: {
      areas: config.taxonomy.areas.length,
      configured: config.configuredAreas.map((id) => {
        const area = config.taxonomy.get(id);
        return { id, name: area.name, source: area.source };
      }),
    },
  };
}
