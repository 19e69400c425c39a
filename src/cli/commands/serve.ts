import type { Command } from "commander";
import { BreakfixError, type ChatModel } from "../../core/index.js";
import { isLoopbackHost, startChatServer } from "../../server/index.js";
import type { CliContext } from "../context.js";

/** A --port value: a whole number 0–65535 (0 picks a free port). */
export function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new BreakfixError("USAGE", `--port must be a whole number from 0 to 65535, got "${value}"`, {
      fix: "pass e.g. --port 8000 (0 picks a free port)",
    });
  }
  return n;
}

/** Resolves on Ctrl-C or SIGTERM (the CLI's abort signal): how a server command waits. */
export function untilInterrupted(ctx: CliContext): Promise<void> {
  return new Promise<void>((resolve) => {
    const { signal } = ctx.io;
    if (!signal || signal.aborted) return resolve();
    signal.addEventListener("abort", () => resolve(), { once: true });
  });
}

export function registerServeCommands(program: Command, ctx: CliContext): void {
  program
    .command("serve <models...>")
    .description(
      "serve models over an OpenAI-compatible API until Ctrl-C: POST /v1/chat/completions and /v1/completions (streaming, n, logprobs for engine: models, stop), GET /v1/models[/{id}]",
    )
    .option("--host <host>", "address to listen on (loopback by default)", "127.0.0.1")
    .option("--port <n>", "port (0 picks a free one)", parsePort, 8000)
    .option("--log", "print one line per request on stderr", false)
    .action(async (ids: string[], opts: { host: string; port: number; log: boolean }) => {
      const models = new Map<string, ChatModel>();
      for (const id of ids) models.set(id, await ctx.model(id, { cache: false }));
      const server = await startChatServer({
        models,
        host: opts.host,
        port: opts.port,
        ...(opts.log && { log: (line: string) => ctx.io.stderr(`${line}\n`) }),
      });
      if (!isLoopbackHost(opts.host)) {
        ctx.io.stderr(
          `breakfix: warning: listening on ${opts.host}; anyone who can reach it can use the models\n`,
        );
      }
      ctx.print({ url: `${server.url}/v1`, models: ids }, () =>
        [`Serving ${ids.join(", ")} at ${server.url}/v1 (OpenAI-compatible); Ctrl-C stops.`].join("\n"),
      );
      // Runs until Ctrl-C; then requests in flight get a few seconds to finish.
      await untilInterrupted(ctx);
      await server.close();
      ctx.io.stderr("breakfix: server stopped\n");
    });
}
