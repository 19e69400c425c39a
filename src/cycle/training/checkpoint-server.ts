import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { BreakfixError, sleep } from "../../core/index.js";

/** How to serve a trained checkpoint for measurement (`training.serve` of a cycle config). */
export interface ServeSettings {
  /** The server's argument list; `{checkpoint}` and `{port}` are filled in. Run without a shell. */
  command: string[];
  /** Path that answers 200 once the server is ready (default /v1/models). */
  ready: string;
  startupTimeoutS: number;
  /** The model name to request (default: the first id the server lists at /v1/models). */
  model?: string;
}

export interface RunningServer {
  baseUrl: string;
  model: string;
  stop(): Promise<void>;
}

/** A free loopback port, found by letting the OS pick one and releasing it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts the configured inference server on a checkpoint (vLLM, llama.cpp's server, `breakfix serve`, ...),
 * waits until it answers, and learns the model name to request. Its output goes to `logFile`. It is
 * stopped with SIGTERM (SIGKILL after a grace period), and killed when this process exits, so a crash or
 * Ctrl-C never leaves a server holding a GPU.
 */
export async function startCheckpointServer(
  serve: ServeSettings,
  checkpoint: string,
  o: { logFile: string; signal?: AbortSignal },
): Promise<RunningServer> {
  const port = await freePort();
  const [command, ...args] = serve.command.map((a) =>
    a.replaceAll("{checkpoint}", checkpoint).replaceAll("{port}", String(port)),
  );
  mkdirSync(path.dirname(o.logFile), { recursive: true });
  const log = createWriteStream(o.logFile, { flags: "a" });
  const child: ChildProcess = spawn(command as string, args, { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let exited: string | undefined;
  child.once("error", (e) => (exited = e.message));
  child.once("exit", (code, sig) => (exited ??= `exited with ${sig ?? `code ${code}`}`));
  const stop = async () => {
    process.removeListener("exit", killOnExit);
    if (exited === undefined) {
      const gone = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await gone;
      clearTimeout(timer);
    }
    log.end();
  };
  const baseUrl = `http://127.0.0.1:${port}/v1`;
  const readyUrl = `http://127.0.0.1:${port}${serve.ready.startsWith("/") ? serve.ready : `/${serve.ready}`}`;
  const deadline = Date.now() + serve.startupTimeoutS * 1000;
  const fail = async (why: string): Promise<never> => {
    await stop();
    throw new BreakfixError("MODEL_UNAVAILABLE", `the server for ${checkpoint} ${why}`, {
      fix: `read its log ${o.logFile}; check training.serve.command (${serve.command.join(" ")})`,
    });
  };
  for (;;) {
    if (exited !== undefined) return fail(`did not start: ${exited}`);
    if (o.signal?.aborted) return fail("was not awaited: interrupted");
    if (Date.now() > deadline) return fail(`was not ready within ${serve.startupTimeoutS} s`);
    const listing = await fetch(readyUrl, { signal: AbortSignal.timeout(5000) })
      .then(async (r) =>
        r.ok ? ((await r.json().catch(() => ({}))) as { data?: { id?: unknown }[] }) : undefined,
      )
      .catch(() => undefined);
    if (listing !== undefined) {
      const listed = listing.data?.[0]?.id;
      const model = serve.model ?? (typeof listed === "string" ? listed : undefined);
      if (model === undefined) return fail(`lists no model at ${serve.ready}: set training.serve.model`);
      return { baseUrl, model, stop };
    }
    await sleep(300);
  }
}
