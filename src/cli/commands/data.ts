import path from "node:path";
import type { Command } from "commander";
import { BreakfixError, escapeText } from "../../core/index.js";
import {
  type DatasetPlugin,
  datasetListEntry,
  datasetRegistry,
  filterSamples,
  formatDatasetList,
  formatSampleForTerminal,
  type LoadedDataset,
  parseSampleFilter,
  writeSamplesFile,
} from "../../datasets/index.js";
import type { CliContext } from "../context.js";
import { collect, wholeNumber } from "../option-parsers.js";
import { registerCurateCommands } from "./curate.js";
import { datasetLoadOptions } from "./dataset-options.js";

const CONTENT_WARNING =
  "Content warning: this dataset contains harmful text (shown escaped; control characters neutralised).";

interface SourceOptions {
  path?: string;
  download?: boolean;
  mirror?: string;
  where: string[];
}

function addSourceOptions(cmd: Command): Command {
  return cmd
    .option("--path <file>", "load this file (in the dataset's format) instead of the shared copy")
    .option("--download", "fetch missing files from their upstream URL into the cache (sha256-checked)")
    .option("--mirror <url>", "base URL laid out like the datasets root, used instead of upstream")
    .option(
      "--where <key=value>",
      "keep samples whose field or meta key equals value (repeatable)",
      collect,
      [],
    );
}

export function registerDataCommands(program: Command, ctx: CliContext): void {
  const data = program.command("data").description("Safety datasets: list, show, export, check files");
  data
    .command("list")
    .description("every dataset: id, rows, license, where it loads from, whether it is available")
    .action(async () => {
      const options = await datasetLoadOptions(ctx);
      const entries = await Promise.all(datasetRegistry.list().map((d) => datasetListEntry(d, options)));
      ctx.print(entries, formatDatasetList);
    });

  addSourceOptions(
    data
      .command("show <id>")
      .description("print samples (escaped, with a content warning)")
      .option("--limit <n>", "samples to show", wholeNumber("--limit"), 10)
      .option("--offset <n>", "samples to skip", wholeNumber("--offset"), 0),
  ).action(async (id: string, opts: SourceOptions & { limit: number; offset: number }) => {
    const plugin = datasetRegistry.get(id);
    const loaded = await loadForCommand(ctx, plugin, opts);
    const samples = filterSamples(loaded.samples, opts.where.map(parseSampleFilter));
    const page = samples.slice(opts.offset, opts.offset + opts.limit);
    const value = { id, source: loaded.source, total: samples.length, offset: opts.offset, samples: page };
    ctx.print(value, (v: typeof value) => {
      const head = `${plugin.harmful ? `${CONTENT_WARNING}\n` : ""}${v.id} (${v.source}): showing ${v.samples.length} of ${v.total} from ${v.offset}`;
      return [head, ...v.samples.map((s) => formatSampleForTerminal(s))].join("\n");
    });
  });

  addSourceOptions(
    data
      .command("export <id>")
      .description("write the dataset's samples as JSONL or CSV")
      .requiredOption("--format <format>", "jsonl or csv")
      .requiredOption("--out <file>", "output file (written atomically)"),
  ).action(async (id: string, opts: SourceOptions & { format: string; out: string }) => {
    if (opts.format !== "jsonl" && opts.format !== "csv") {
      throw new BreakfixError("USAGE", `--format ${JSON.stringify(opts.format)} is not supported`, {
        fix: "use --format jsonl or --format csv",
      });
    }
    const loaded = await loadForCommand(ctx, datasetRegistry.get(id), opts);
    const samples = filterSamples(loaded.samples, opts.where.map(parseSampleFilter));
    const out = path.resolve(ctx.io.cwd, opts.out);
    await writeSamplesFile(samples, out, opts.format, { progress: ctx.progress(), signal: ctx.io.signal });
    ctx.print(
      { id, source: loaded.source, samples: samples.length, out, format: opts.format },
      (v: { samples: number; out: string }) =>
        `wrote ${v.samples} samples to ${escapeText(v.out, { oneLine: true })}`,
    );
  });

  data
    .command("check <loader> <file>")
    .description("parse a file in a dataset's format and report the first problem (exit 2) or the counts")
    .action(async (loader: string, file: string) => {
      const plugin = datasetRegistry.get(loader);
      const loaded = await plugin.loadFile(path.resolve(ctx.io.cwd, file));
      const value = {
        ok: true,
        loader,
        file,
        records: loaded.records.length,
        samples: loaded.samples.length,
        source: loaded.source,
      };
      ctx.print(
        value,
        (v: typeof value) =>
          `ok: ${escapeText(v.file, { oneLine: true })}: ${v.records} records, ${v.samples} samples (${v.loader} format)`,
      );
    });
  registerCurateCommands(data, ctx);
}

async function loadForCommand(
  ctx: CliContext,
  plugin: DatasetPlugin,
  opts: SourceOptions,
): Promise<LoadedDataset> {
  if (opts.path) return plugin.loadFile(path.resolve(ctx.io.cwd, opts.path));
  const config = await ctx.config();
  const override = config.datasets.sources[plugin.id];
  const loaded = await plugin.load({
    ...(await datasetLoadOptions(ctx, opts)),
    ...(override && { mirror: override.url }),
  });
  if (!ctx.options().quiet)
    for (const w of loaded.warnings) ctx.io.stderr(`warning: ${escapeText(w, { oneLine: true })}\n`);
  return loaded;
}
