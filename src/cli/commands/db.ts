import { statSync } from "node:fs";
import type { Command } from "commander";
import { BreakfixError } from "../../core/index.js";
import { SCHEMA_VERSION } from "../../store/index.js";
import type { CliContext } from "../context.js";

interface DbInfo {
  path: string;
  exists: boolean;
  sizeBytes: number;
  schemaVersion: number;
  latestSchemaVersion: number;
  upToDate: boolean;
  tables: Record<string, number>;
}

interface DbMigrateResult {
  path: string;
  from: number;
  to: number;
  applied: { version: number; name: string }[];
}

export function registerDbCommands(program: Command, ctx: CliContext): void {
  const db = program
    .command("db")
    .description("Inspect and upgrade the SQLite database where runs, results and checkpoints are kept");

  db.command("info")
    .description("Show the database path, schema version and row count of every table")
    .addHelpText(
      "after",
      "\nThe database is --db, else $BREAKFIX_DB, else `db` in the config, else .breakfix/breakfix.db.\nDoes not create or migrate anything.",
    )
    .action(async () => {
      ctx.print(await readInfo(ctx), formatInfo);
    });

  db.command("migrate")
    .description("Create the database if needed and apply pending schema migrations (safe to run again)")
    .action(async () => {
      const store = await ctx.store({ migrate: false });
      const from = store.schemaVersion();
      const applied = store.migrate();
      const result: DbMigrateResult = { path: store.path, from, to: store.schemaVersion(), applied };
      ctx.print(result, formatMigrate);
    });
}

async function readInfo(ctx: CliContext): Promise<DbInfo> {
  try {
    const store = await ctx.store({ migrate: false, create: false });
    const schemaVersion = store.schemaVersion();
    return {
      path: store.path,
      exists: true,
      sizeBytes: statSync(store.path).size,
      schemaVersion,
      latestSchemaVersion: store.latestSchemaVersion,
      upToDate: schemaVersion === store.latestSchemaVersion,
      tables: store.tableCounts(),
    };
  } catch (err) {
    const file = err instanceof BreakfixError && err.code === "NOT_FOUND" ? err.location?.file : undefined;
    if (file === undefined) throw err;
    return {
      path: file,
      exists: false,
      sizeBytes: 0,
      schemaVersion: 0,
      latestSchemaVersion: SCHEMA_VERSION,
      upToDate: false,
      tables: {},
    };
  }
}

function formatInfo(info: DbInfo): string {
  if (!info.exists)
    return `database  ${info.path}\nstatus    not created yet (it is created on first use, or by \`breakfix db migrate\`)`;
  const schema = info.upToDate
    ? `version ${info.schemaVersion} (up to date)`
    : `version ${info.schemaVersion} of ${info.latestSchemaVersion}: run \`breakfix db migrate\``;
  const names = Object.keys(info.tables);
  const width = Math.max(0, ...names.map((n) => n.length));
  const rows = names.map((n) => `  ${n.padEnd(width)}  ${String(info.tables[n]).padStart(8)}`);
  return [
    `database  ${info.path} (${formatBytes(info.sizeBytes)})`,
    `schema    ${schema}`,
    ...(rows.length > 0 ? ["tables", ...rows] : ["tables    none"]),
  ].join("\n");
}

function formatMigrate(r: DbMigrateResult): string {
  if (r.applied.length === 0) return `${r.path}: schema version ${r.to}, already up to date`;
  const steps = r.applied.map((m) => `  ${String(m.version).padStart(3, "0")} ${m.name}`);
  return [`${r.path}: migrated schema from version ${r.from} to ${r.to}`, ...steps].join("\n");
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
