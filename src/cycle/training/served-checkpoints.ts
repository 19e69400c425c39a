import path from "node:path";
import type { ChatModel } from "../../core/index.js";
import { createModelResolver, type ModelRef, OPENAI_DEFAULTS, parseModelRef } from "../../models/index.js";
import type { CycleEnv } from "../cycle-env.js";
import { type RunningServer, type ServeSettings, startCheckpointServer } from "./checkpoint-server.js";

/**
 * A served checkpoint goes by `served:<the trainer's model id>` in the cycle's state: resolving it starts
 * its server; training from it trains the model underneath.
 */
const underlying = (ref: ModelRef): ModelRef => (ref.kind === "served" ? ref.trained : ref);
/** The folder a trained model names: `engine:<dir>` or a Hugging Face folder. */
const folderOf = (ref: ModelRef): string =>
  ref.kind === "engine" ? ref.name : ref.kind === "folder" ? ref.path : ref.id;

/**
 * Measures each trained checkpoint through an inference server the user names (`training.serve`): the
 * trainer's result becomes `served:<checkpoint>`, and resolving that id starts the server on the checkpoint
 * (one at a time: a new checkpoint, or the next training, stops the previous one) and answers with an
 * OpenAI-compatible model of it. A resumed cycle starts the server again from the recorded id.
 */
export function servingCheckpoints(env: CycleEnv, serve: ServeSettings, o: { logDir: string }): CycleEnv {
  let running: { dir: string; server: RunningServer; model: ChatModel } | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  // One start or stop at a time: stages may ask for the model concurrently.
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const stopRunning = async () => {
    const was = running;
    running = undefined;
    await was?.server.stop();
  };
  const serveDir = async (dir: string, id: string): Promise<ChatModel> => {
    if (running?.dir === dir) return running.model;
    await stopRunning();
    env.progress.note(`serving ${dir} (${serve.command[0]})`);
    const server = await startCheckpointServer(serve, dir, {
      logFile: path.join(o.logDir, `serve-${path.basename(path.dirname(dir))}-${path.basename(dir)}.log`),
      ...(env.signal && { signal: env.signal }),
    });
    const resolver = createModelResolver(
      {
        providers: {
          served: { ...OPENAI_DEFAULTS, baseUrl: server.baseUrl, apiKeyEnv: undefined, cache: false },
        },
        cacheDir: path.join(o.logDir, "cache"),
        cache: false,
      },
      { env: {} },
    );
    const inner = resolver.resolve(`served:${server.model}`);
    const model: ChatModel = {
      id,
      generate: (messages, options) => inner.generate(messages, options),
    };
    running = { dir, server, model };
    return model;
  };
  return {
    ...env,
    trainer: {
      backend: env.trainer.backend,
      async train(r, io) {
        // The GPU goes to training, not to the previous round's server.
        await serial(stopRunning);
        const result = await env.trainer.train({ ...r, model: underlying(r.model) }, io);
        return { ...result, model: parseModelRef(`served:${result.model.id}`) };
      },
    },
    resolveModel: (ref) =>
      ref.kind === "served" ? serial(() => serveDir(folderOf(ref.trained), ref.id)) : env.resolveModel(ref),
    // Stops the server still running, at the end of the cycle or when it was interrupted.
    close: async () => {
      await serial(stopRunning);
      await env.close?.();
    },
  };
}
