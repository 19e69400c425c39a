import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { BreakfixError } from "../core/index.js";
import { checkGgufFile } from "../engine/formats/index.js";
import { createGgufModel } from "./gguf-model.js";
import { type LoadedGguf, loadGguf } from "./gguf-runtime.js";
import { GGUF_DEFAULTS, type GgufProviderConfig } from "./provider-config.js";
import type { ProviderKind } from "./provider-kind.js";

/** `gguf:<path>`: a local GGUF file (Phi-3, Llama, Qwen, or an engine export) run in-process by llama.cpp. */
export const ggufProviderKind: ProviderKind<GgufProviderConfig> = {
  id: "gguf",
  description: "local GGUF model file run in-process by llama.cpp (gguf:./models/phi-3-mini-q4.gguf)",
  defaults: GGUF_DEFAULTS,
  listed: true,
  create({ name: provider, config, cwd }) {
    const loads = new Map<string, Promise<LoadedGguf>>();
    const settings = { ...GGUF_DEFAULTS, ...config };
    return {
      model(name) {
        const file = path.resolve(cwd ?? process.cwd(), name);
        if (!existsSync(file) || !statSync(file).isFile()) {
          throw new BreakfixError("NOT_FOUND", `GGUF file ${file} does not exist or is not a file`, {
            location: { file },
            fix: `write the path after "${provider}:", e.g. ${provider}:./models/model-q8_0.gguf`,
          });
        }
        // A crafted or truncated file is bad input (exit 2, one line), found before llama.cpp sees it.
        checkGgufFile(file);
        const load = () => {
          let loading = loads.get(file);
          if (!loading) {
            loading = loadGguf(file, settings);
            // A failed load is not cached: the next call tries again (the file may have been fixed).
            loading.catch(() => loads.delete(file));
            loads.set(file, loading);
          }
          return loading;
        };
        return createGgufModel({ id: `${provider}:${name}`, load });
      },
      async close() {
        const pending = [...loads.values()];
        loads.clear();
        const results = await Promise.allSettled(pending);
        await Promise.all(results.map((r) => (r.status === "fulfilled" ? r.value.dispose() : undefined)));
      },
    };
  },
};
