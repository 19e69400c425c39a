import type { Command } from "commander";
import { type CurateRequest, curateRound, DEFAULT_EVAL_SETS, formatCurated } from "../../curate/index.js";
import { TRAINING_FORMATS } from "../../training-data/index.js";
import type { CliContext } from "../context.js";
import { judgeFlag } from "../judge-models.js";
import { choiceList, collect, commaList, numberFlag, positiveInt, wholeNumber } from "../option-parsers.js";
import { registerImportPreferences } from "./import-preferences.js";

const shareFlag = numberFlag("--safety-share", (n) => n > 0 && n <= 1, "a number in (0, 1]", "0.3");
const fractionFlag = numberFlag("--validation", (n) => n >= 0 && n < 1, "a number in [0, 1)", "0.1");
const formatsFlag = choiceList("--formats", "format", TRAINING_FORMATS);

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
    .action(async (opts: CurateRequest) => {
      const env = await ctx.env();
      // Warnings go to stderr unless --quiet (with --json too: stdout stays the JSON).
      const warn = ctx.options().quiet ? undefined : env.warn;
      const curated = await curateRound(env, { ...opts, warn });
      ctx.print(curated, formatCurated);
    });

  registerImportPreferences(data, ctx);
}
