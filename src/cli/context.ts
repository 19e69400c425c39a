import path from "node:path";
import { type AppEnv, createAppEnv } from "../app/index.js";
import { type BreakfixConfig, loadConfig, resolveModelRef } from "../config/index.js";
import { type ChatModel, escapeJsonText, type Progress } from "../core/index.js";
import { createModelResolver, type ModelRef, type ModelResolver } from "../models/index.js";
import { openStore, type Store, type StoreOptions } from "../store/index.js";
import { datasetLoadOptions } from "./commands/dataset-options.js";
import { type CliIo, createCliProgress } from "./io.js";

/** Options every command accepts (set on the root program). */
export interface GlobalOptions {
  config?: string;
  db?: string;
  set: string[];
  json: boolean;
  quiet: boolean;
}

/**
 * What commands get: IO, global options, and lazily opened config and store (a command that needs
 * neither never touches the disk). Only the CLI builds one; stages receive the pieces they need.
 */
export interface CliContext {
  io: CliIo;
  options(): GlobalOptions;
  config(): Promise<BreakfixConfig>;
  /** Opens the database (`--db` > $BREAKFIX_DB > config `db` > .breakfix/breakfix.db); options apply on first open. */
  store(options?: StoreOptions): Promise<Store>;
  /**
   * Resolves a model id or a configured alias (or the configured default when `id` is undefined), or a ref
   * parsed already, through one shared resolver, so per-provider limits hold across the command.
   * `cache: false` bypasses the response cache.
   */
  model(id: string | ModelRef | undefined, options?: { cache?: boolean }): Promise<ChatModel>;
  /** Parses a model id or alias as typed (the configured default when undefined): what `model` resolves. */
  modelRef(id: string | undefined): Promise<ModelRef>;
  progress(): Progress;
  /** The app environment of this command (store, models, judges, datasets), built once on first use. */
  env(): Promise<AppEnv>;
  /** Prints a value as JSON (with --json) or via the human formatter. */
  print(value: unknown, human: (value: never) => string): void;
  close(): Promise<void>;
}

export function createCliContext(io: CliIo, getOptions: () => GlobalOptions): CliContext {
  let configPromise: Promise<BreakfixConfig> | undefined;
  let store: Store | undefined;
  const resolvers = new Map<boolean, ModelResolver>();
  let envPromise: Promise<AppEnv> | undefined;
  const ctx: CliContext = {
    io,
    options: getOptions,
    config() {
      const o = getOptions();
      configPromise ??= loadConfig({ file: o.config, sets: o.set, cwd: io.cwd, env: io.env });
      return configPromise;
    },
    async store(options) {
      if (store) return store;
      const config = await ctx.config();
      const o = getOptions();
      const file = o.db ?? io.env["BREAKFIX_DB"] ?? config.db ?? path.join(".breakfix", "breakfix.db");
      store = openStore(path.resolve(io.cwd, file), options);
      return store;
    },
    async model(id, options = {}) {
      const config = await ctx.config();
      const cache = options.cache ?? config.models.cache;
      let resolver = resolvers.get(cache);
      if (!resolver) {
        resolver = createModelResolver({ ...config.models, cache }, { env: io.env, cwd: io.cwd });
        resolvers.set(cache, resolver);
      }
      return resolver.resolve(typeof id === "object" ? id : resolveModelRef(config.models, id));
    },
    async modelRef(id) {
      return resolveModelRef((await ctx.config()).models, id);
    },
    progress() {
      const o = getOptions();
      return createCliProgress(io, { quiet: o.quiet, json: o.json });
    },
    env() {
      envPromise ??= (async () =>
        createAppEnv({
          config: await ctx.config(),
          store: await ctx.store(),
          resolveModel: (ref) => ctx.model(ref),
          datasets: await datasetLoadOptions(ctx),
          progress: ctx.progress(),
          signal: io.signal,
          cwd: io.cwd,
          warn: (message) => io.stderr(`${message}\n`),
          processEnv: io.env,
        }))();
      return envPromise;
    },
    print(value, human) {
      if (getOptions().json) io.stdout(`${escapeJsonText(JSON.stringify(value, null, 2))}\n`);
      else {
        const text = human(value as never);
        io.stdout(text.endsWith("\n") ? text : `${text}\n`);
      }
    },
    async close() {
      for (const r of resolvers.values()) await r.close();
      resolvers.clear();
      store?.close();
      store = undefined;
      envPromise = undefined;
    },
  };
  return ctx;
}
