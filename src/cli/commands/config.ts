import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { stringify } from "yaml";
import {
  DEFAULT_CONFIG_FILE,
  type EffectiveConfigView,
  effectiveConfigView,
  loadConfig,
  STARTER_CONFIG,
} from "../../config/index.js";
import { BreakfixError } from "../../core/index.js";
import type { CliContext } from "../context.js";

export function registerConfigCommands(program: Command, ctx: CliContext): void {
  const config = program
    .command("config")
    .description("breakfix.yaml: show the effective settings, validate a file, write a starter");

  config
    .command("show")
    .description("the effective config (file + --set + defaults); key variables by name and set/unset only")
    .action(async () => {
      const view = effectiveConfigView(await ctx.config(), ctx.io.env);
      // The database actually used: --db and $BREAKFIX_DB beat the file (as in ctx.store()).
      const dbOverride = ctx.options().db ?? ctx.io.env["BREAKFIX_DB"];
      if (dbOverride) view.db = path.resolve(ctx.io.cwd, dbOverride);
      ctx.print(view, (v: EffectiveConfigView) => {
        const header = `# effective config (${v.file ?? "no config file: defaults"})\n`;
        return header + stringify(v, { lineWidth: 0 });
      });
    });

  config
    .command("validate [file]")
    .description("check a config file (default: --config or ./breakfix.yaml); prints ok or the first problem")
    .action(async (file: string | undefined) => {
      const o = ctx.options();
      const loaded = file
        ? await loadConfig({ file, sets: o.set, cwd: ctx.io.cwd, env: ctx.io.env })
        : await ctx.config();
      const shown = file ?? o.config ?? (loaded.file ? path.relative(ctx.io.cwd, loaded.file) : undefined);
      ctx.print({ ok: true, file: loaded.file ?? null }, () =>
        shown ? `ok: ${shown}` : "ok: no config file, using defaults",
      );
    });

  config
    .command("init [file]")
    .description(`write a commented starter config (default: ./${DEFAULT_CONFIG_FILE})`)
    .option("--force", "overwrite an existing file", false)
    .action((file: string | undefined, opts: { force: boolean }) => {
      const target = file ?? DEFAULT_CONFIG_FILE;
      try {
        // `wx` fails when the file exists: no check-then-write race.
        writeFileSync(path.resolve(ctx.io.cwd, target), STARTER_CONFIG, { flag: opts.force ? "w" : "wx" });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "EEXIST") {
          throw new BreakfixError("USAGE", "the file already exists", {
            location: { file: target },
            fix: "edit it, or run `breakfix config init --force` to replace it with the starter",
          });
        }
        throw new BreakfixError("NOT_FOUND", `cannot write ${target}: ${(err as Error).message}`, {
          fix: "check that the directory exists and is writable",
          cause: err,
        });
      }
      ctx.print({ written: target }, () => `wrote ${target}; check it with \`breakfix config validate\``);
    });
}
