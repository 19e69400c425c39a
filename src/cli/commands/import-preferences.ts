import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { BreakfixError, escapeText } from "../../core/index.js";
import {
  candidatesToJsonl,
  IMPORT_FORMATS,
  type ImportFormat,
  importPreferencesFile,
} from "../../curate/index.js";
import type { CliContext } from "../context.js";
import { commaList, wholeNumber } from "../option-parsers.js";

/** `data import-preferences`: public preference data as curation candidates. */
export function registerImportPreferences(data: Command, ctx: CliContext): void {
  data
    .command("import-preferences <file>")
    .description(
      "public preference/safety data (HH-RLHF, BeaverTails, OpenAI, TRL) as curation candidates, filtered to the taxonomy",
    )
    .requiredOption("--format <format>", `input layout: ${IMPORT_FORMATS.join(", ")}`)
    .requiredOption("--out <file>", "candidates JSONL for `data curate --candidates`")
    .option("--areas <list>", "keep only these harm areas (comma-separated)", commaList)
    .option("--round <n>", "round recorded in provenance (default 0)", wholeNumber("--round", "0"), 0)
    .option("--seed <n>", "seed for refusal templates", wholeNumber("--seed", "1"), 1)
    .action(
      async (
        file: string,
        opts: { format: string; out: string; areas?: string[]; round: number; seed: number },
      ) => {
        if (!(IMPORT_FORMATS as readonly string[]).includes(opts.format)) {
          throw new BreakfixError("USAGE", `--format ${JSON.stringify(opts.format)} is not supported`, {
            fix: `use one of ${IMPORT_FORMATS.join(", ")}`,
          });
        }
        const config = await ctx.config();
        const imported = importPreferencesFile(path.resolve(ctx.io.cwd, file), {
          format: opts.format as ImportFormat,
          round: opts.round,
          seed: opts.seed,
          taxonomy: config.taxonomy,
          ...(opts.areas ? { areas: opts.areas } : {}),
        });
        const out = path.resolve(ctx.io.cwd, opts.out);
        writeFileSync(out, candidatesToJsonl(imported));
        const value = {
          file,
          format: opts.format,
          rows: imported.rows,
          sft: imported.sft.length,
          pairs: imported.pairs.length,
          skipped: imported.skipped.length,
          out,
        };
        ctx.print(
          value,
          (v: typeof value) =>
            `imported ${v.sft} SFT examples and ${v.pairs} pairs from ${v.rows} rows (${v.skipped} skipped: no area in the taxonomy) into ${escapeText(v.out, { oneLine: true })}`,
        );
      },
    );
}
