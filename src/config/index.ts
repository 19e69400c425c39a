export { DEFAULT_CACHE_DIR, DEFAULT_DATASETS_ROOT, DEFAULT_DB } from "./build-config.js";
export { type EffectiveConfigView, effectiveConfigView } from "./effective-config.js";
export { DEFAULT_CONFIG_FILE, loadConfig } from "./load-config.js";
export { BUILTIN_DEFAULT_MODEL, resolveModelRef } from "./resolve-model-id.js";
export { STARTER_CONFIG } from "./starter.js";
export type * from "./types.js";
