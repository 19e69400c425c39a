import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createAppEnv } from "../../app/index.js";
import { loadConfig } from "../../config/index.js";
import { silentProgress } from "../../core/index.js";
import { createModelResolver } from "../../models/index.js";
import { openStore } from "../../store/index.js";
import { startUi, type UiServer } from "../http/start-ui.js";
import type { UiContext } from "../http/ui-context.js";

/**
 * A web-app context over a fresh store in a temporary folder, built the way `breakfix ui` builds it (no
 * config file, so `engine:base` and the shipped checkpoints resolve as for a new user). Tests only.
 */
export type TempUiContext = UiContext & { dir: string; dispose(): Promise<void> };

export async function tempUiContext(): Promise<TempUiContext> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "breakfix-ui-"));
  const config = await loadConfig({ sets: [], cwd: dir, env: {} });
  const store = openStore(path.join(dir, "breakfix.db"));
  const resolver = createModelResolver({ ...config.models, cache: false }, { env: {}, cwd: dir });
  const env = createAppEnv({
    config,
    store,
    resolveModel: async (ref) => resolver.resolve(ref),
    datasets: { root: path.resolve(import.meta.dirname, "..", "..", "..", "..", "shared", "datasets") },
    progress: silentProgress,
    cwd: dir,
    warn: () => {},
    processEnv: {},
  });
  return {
    env,
    config,
    dir,
    async dispose() {
      await resolver.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A temporary context served on a free loopback port, once `prepare` (seeding its store, say) is done. */
export interface ServedTempUi {
  ui: TempUiContext;
  server: UiServer;
  close(): Promise<void>;
}

export async function servedTempUi(
  prepare: (ui: TempUiContext) => void | Promise<void> = () => {},
): Promise<ServedTempUi> {
  const ui = await tempUiContext();
  await prepare(ui);
  const server = await startUi(ui, { port: 0 });
  return {
    ui,
    server,
    async close() {
      await server.close();
      await ui.dispose();
    },
  };
}
