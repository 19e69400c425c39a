import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { BreakfixError, escapeText, type Judge } from "../../core/index.js";
import {
  candidatesToJsonl,
  collectEvalTexts,
  compileFixData,
  curateFixData,
  DEFAULT_EVAL_SETS,
  type FixCandidates,
  IMPORT_FORMATS,
  type ImportFormat,
  importPreferencesFile,
  readCandidatesFile,
} from "../../curate/index.js";
import { createJudge, type JudgeSpec } from "../../judges/index.js";
import { readTrainingFile, TRAINING_FORMATS, type TrainingFormat } from "../../train/formats/index.js";
import { findingsOf, listVulnerabilities } from "../../vuln/index.js";
import type { CliContext } from "../context.js";
import { judgeFlag, judgeModels } from "../judge-models.js";
import { collect, commaList, numberFlag, positiveInt, wholeNumber } from "../option-parsers.js";
import { datasetLoadOptions } from "./dataset-options.js";

const shareFlag = numberFlag("--safety-share", (n) => n > 0 && n <= 1, "a number in (0, 1]", "0.3");
const fractionFlag = numberFlag("--validation", (n) => n >= 0 && n < 1, "a number in [0, 1)", "0.1");

interface CurateFlags {
  scope: string;
  round: number;
  out: string;
  name?: string;
  evalSets?: string[];
  heldOutRun: string[];
  safetyShare?: number;
  validation?: number;
  maxPerArea?: number;
  lookalikes?: number;
  helpfulness?: string;
  candidates: string[];
  teacher?: string;
  harmJudge: JudgeSpec;
  refusalJudge: JudgeSpec;
  formats?: TrainingFormat[];
  includeFixed?: boolean;
  seed: number;
}

async function judgeOf(ctx: CliContext, spec: JudgeSpec): Promise<Judge> {
  const resolveModel = await judgeModels(ctx, [spec]);
  const config = await ctx.config();
  return createJudge(spec, { resolveModel, taxonomy: config.taxonomy });
}

/** `--formats a,b`: checked as the option is parsed, so a typo stops the command before any work is done. */
function formatsFlag(value: string, previous: TrainingFormat[] | undefined): TrainingFormat[] {
  const values = commaList(value, previous);
  for (const f of values) {
    if (!(TRAINING_FORMATS as readonly string[]).includes(f)) {
      throw new BreakfixError("USAGE", `--formats: unknown format "${f}"`, {
        fix: `use any of ${TRAINING_FORMATS.join(", ")}`,
      });
    }
  }
  return values as TrainingFormat[];
}

/** `data curate` and `data import-preferences`: registered under `data` by registerDataCommands. */
export function registerCurateCommands(data: Command, ctx: CliContext): void {
  data
    .command("curate")
    .description(
      "fix data for a round's vulnerabilities: compile (safe replies, DPO pairs, benign look-alikes, judged), then dedupe, decontaminate against the eval sets, balance, mix, split and write a versioned dataset",
    )
    .requiredOption(
      "--round <n>",
      "round whose vulnerabilities to fix (the data is for round n+1)",
      wholeNumber("--round", "1"),
    )
    .requiredOption("--out <dir>", "folder for the dataset files, card and removal report")
    .option("--scope <s>", "vulnerability scope: a cycle id (default: default)", "default")
    .option("--name <name>", "dataset name (default <scope>-round-<n+1>)")
    .option(
      "--eval-sets <ids>",
      `evaluation sets to decontaminate against (default ${DEFAULT_EVAL_SETS.join(",")})`,
      commaList,
    )
    .option(
      "--held-out-run <runId>",
      "red-team run whose sent attacks are held out (repeatable)",
      collect,
      [],
    )
    .option(
      "--safety-share <x>",
      "share of safety examples in the SFT set when --helpfulness is given (default 0.3)",
      shareFlag,
    )
    .option("--validation <x>", "share held out for validation (default 0.1)", fractionFlag)
    .option(
      "--max-per-area <n>",
      "most safety examples per harm area (default twice the median)",
      positiveInt("--max-per-area"),
    )
    .option(
      "--lookalikes <n>",
      "benign look-alikes per vulnerability (default: one per finding, at least 4)",
      wholeNumber("--lookalikes", "4"),
    )
    .option("--helpfulness <file>", "general helpfulness SFT data (OpenAI chat JSONL) to mix in")
    .option(
      "--candidates <file>",
      "extra candidates from `data import-preferences` (repeatable)",
      collect,
      [],
    )
    .option("--teacher <model>", "model that writes the safe replies (default: offline templates)")
    .option(
      "--harm-judge <id>",
      "judge that must call every safe reply safe",
      judgeFlag,
      judgeFlag("harm:learned"),
    )
    .option(
      "--refusal-judge <id>",
      "judge that must call every look-alike answer compliant",
      judgeFlag,
      judgeFlag("refusal:learned"),
    )
    .option("--formats <list>", "formats to write (default openai,openai-dpo,trl,hh)", formatsFlag)
    .option("--include-fixed", "also write fix data for vulnerabilities whose status is fixed")
    .option("--seed <n>", "seed for every random choice", wholeNumber("--seed", "1"), 1)
    .action(async (opts: CurateFlags) => {
      const store = await ctx.store();
      const vulnerabilities = listVulnerabilities(store, { scope: opts.scope, round: opts.round }).filter(
        (v) => opts.includeFixed || v.status !== "fixed",
      );
      const extra = opts.candidates.map((f) => readCandidatesFile(path.resolve(ctx.io.cwd, f)));
      if (vulnerabilities.length === 0 && extra.length === 0) {
        throw new BreakfixError(
          "NOT_FOUND",
          `no unfixed vulnerabilities in scope ${opts.scope} round ${opts.round}`,
          {
            fix: "run `breakfix vulns identify --scope <s> --round <n> --campaign <runId>` first, or pass --candidates",
          },
        );
      }
      const helpfulness = opts.helpfulness
        ? readTrainingFile(path.resolve(ctx.io.cwd, opts.helpfulness), "openai")
        : undefined;
      const teacher = opts.teacher ? await ctx.model(opts.teacher) : undefined;
      const compiled = await compileFixData({
        vulnerabilities,
        findings: [],
        findingsOf: (v) => findingsOf(store, v),
        round: opts.round + 1,
        seed: opts.seed,
        harmJudge: await judgeOf(ctx, opts.harmJudge),
        refusalJudge: await judgeOf(ctx, opts.refusalJudge),
        ...(teacher ? { teacher } : {}),
        ...(opts.lookalikes === undefined ? {} : { lookalikesPerVulnerability: opts.lookalikes }),
        signal: ctx.io.signal,
      });
      const candidates: FixCandidates = {
        sft: [...compiled.sft, ...extra.flatMap((c) => c.sft)],
        pairs: [...compiled.pairs, ...extra.flatMap((c) => c.pairs)],
        dropped: compiled.dropped,
        warnings: compiled.warnings,
      };
      const evalTexts = await collectEvalTexts({
        ids: opts.evalSets ?? DEFAULT_EVAL_SETS,
        load: await datasetLoadOptions(ctx),
      });
      const quiet = ctx.options().quiet;
      if (!quiet) {
        for (const s of evalTexts.skipped)
          ctx.io.stderr(`warning: eval set ${s.id} skipped: ${escapeText(s.reason, { oneLine: true })}\n`);
        for (const w of compiled.warnings) ctx.io.stderr(`warning: ${escapeText(w, { oneLine: true })}\n`);
      }
      const heldOutTexts = opts.heldOutRun.flatMap((runId) =>
        store.attacks.list(runId).flatMap((a) =>
          a.transcript
            .filter((m) => m.role === "user")
            .map((m, i) => ({
              source: `held-out:${runId}`,
              id: `${a.objectiveId}#${a.attempt}/${i}`,
              text: m.content,
            })),
        ),
      );
      const result = curateFixData({
        candidates,
        evalTexts: evalTexts.texts,
        heldOutTexts,
        ...(helpfulness?.data.kind === "sft" ? { helpfulness: helpfulness.data.rows } : {}),
        ...(opts.safetyShare === undefined ? {} : { safetyShare: opts.safetyShare }),
        ...(opts.validation === undefined ? {} : { validationFraction: opts.validation }),
        ...(opts.maxPerArea === undefined ? {} : { maxPerArea: opts.maxPerArea }),
        ...(opts.formats ? { formats: opts.formats } : {}),
        seed: opts.seed,
        name: opts.name ?? `${opts.scope}-round-${opts.round + 1}`,
        outDir: path.resolve(ctx.io.cwd, opts.out),
        store,
      });
      const value = {
        name: result.name,
        version: result.version,
        dir: result.dir,
        vulnerabilities: vulnerabilities.length,
        counts: result.counts,
        judgeDropped: compiled.dropped,
        evalSets: evalTexts.loaded,
        skippedEvalSets: evalTexts.skipped.map((s) => s.id),
        files: result.files,
      };
      ctx.print(value, (v: typeof value) => formatCurated(v));
    });

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

function formatCurated(v: {
  name: string;
  version: string;
  dir: string;
  vulnerabilities: number;
  counts: ReturnType<typeof curateFixData>["counts"];
  judgeDropped: unknown[];
  skippedEvalSets: string[];
}): string {
  const r = v.counts.removed;
  return [
    `dataset ${v.name}@${v.version} in ${escapeText(v.dir, { oneLine: true })} (from ${v.vulnerabilities} vulnerabilities)`,
    `  SFT ${v.counts.sft} train / ${v.counts.sftValidation} validation; DPO ${v.counts.dpo} train / ${v.counts.dpoValidation} validation`,
    `  removed: ${r.contamination} contaminated, ${r["exact-duplicate"]} exact and ${r["near-duplicate"]} near duplicates, ${r.balance} over the area cap, ${r.mix} for the safety share; ${v.judgeDropped.length} failed their judge`,
    ...(v.skippedEvalSets.length > 0
      ? [`  not decontaminated against (missing): ${v.skippedEvalSets.join(", ")}`]
      : []),
  ].join("\n");
}
