import type { Command } from "commander";
import { startUi } from "../../ui/index.js";
import type { CliContext } from "../context.js";
import { parsePort, untilInterrupted } from "./serve.js";

export function registerUiCommands(program: Command, ctx: CliContext): void {
  program
    .command("ui")
    .description(
      "open the web app over this store until Ctrl-C: cycles and their rounds, bench runs and campaigns, vulnerabilities, a manual red-teaming console and human labelling",
    )
    .option(
      "--host <host>",
      "address to listen on (loopback by default; any other host requires the token)",
      "127.0.0.1",
    )
    .option("--port <n>", "port (0 picks a free one)", parsePort, 4600)
    .option(
      "--token <token>",
      "require this token on every request (default: $BREAKFIX_UI_TOKEN, or generated off loopback)",
    )
    .addHelpText(
      "after",
      "\nThe store is the one the CLI writes (--db, $BREAKFIX_DB, config `db`). Off loopback every request needs the\ntoken: the printed URL carries it once and the browser keeps it in a same-site cookie.",
    )
    .action(async (opts: { host: string; port: number; token?: string }) => {
      const token = opts.token ?? ctx.io.env["BREAKFIX_UI_TOKEN"];
      const server = await startUi(
        { env: await ctx.env(), config: await ctx.config() },
        { host: opts.host, port: opts.port, ...(token && { token }) },
      );
      const store = (await ctx.store()).path;
      ctx.print(
        { url: server.url, store },
        () => `breakfix ui at ${server.url} (store ${store}); Ctrl-C stops.`,
      );
      await untilInterrupted(ctx);
      await server.close();
      ctx.io.stderr("breakfix: ui stopped\n");
    });
}
