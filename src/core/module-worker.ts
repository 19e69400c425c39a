import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * Starts a typed worker module `name` that sits beside the caller (`import.meta.url`): the compiled .js
 * under dist/, or under tsx and vitest the .ts source, which Node cannot load by itself, through
 * ts-worker.mjs (tsx compiles it there). So a worker's code is a module the type checker sees, not a string.
 */
export function startModuleWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  if (!callerUrl.endsWith(".ts")) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  return new Worker(new URL("./ts-worker.mjs", import.meta.url), { ...options, argv: [entry] });
}
