import path from "node:path";
import type { Command } from "commander";
import { BreakfixError } from "../../core/index.js";
import {
  createJudge,
  formatAgreement,
  isLabelSpace,
  type JudgeSpec,
  judgeOnLabels,
  LABEL_SPACES,
  labelSpaceOf,
  readLabelFile,
} from "../../judges/index.js";
import type { CliContext } from "../context.js";
import { judgeFlag, judgeModels } from "../judge-models.js";
import { positiveInt } from "../option-parsers.js";

interface CalibrateOptions {
  judge: JudgeSpec;
  labels: string;
  space?: string;
  responseCol?: string;
  labelCol?: string;
  promptCol?: string;
  goalCol?: string;
  concurrency: number;
}

/** `judge calibrate`: a judge's agreement with a human-labelled file. */
export function registerJudgeCalibrate(judge: Command, ctx: CliContext): void {
  judge
    .command("calibrate")
    .description(
      "run a judge over a human-labelled CSV/JSONL and report accuracy, kappa, per-class P/R, FPR/FNR",
    )
    .requiredOption("--judge <id>", "judge id (see `breakfix judge list`)", judgeFlag)
    .requiredOption("--labels <file>", "CSV or JSONL with responses and human labels")
    .option(
      "--space <space>",
      "label space: refusal (3-class), binary (safe/unsafe), coherence, groundedness or exact (default: from the judge)",
    )
    .option("--response-col <name>", "column holding the response")
    .option("--label-col <name>", "column holding the human label")
    .option("--prompt-col <name>", "column holding the prompt")
    .option("--goal-col <name>", "column holding the goal/behaviour (for groundedness: the context)")
    .option("--concurrency <n>", "judge calls in flight (LLM judges)", positiveInt("--concurrency", "8"), 8)
    .action(async (opts: CalibrateOptions) => {
      const space = opts.space ?? labelSpaceOf(opts.judge);
      if (!isLabelSpace(space)) {
        const spaces = Object.keys(LABEL_SPACES);
        throw new BreakfixError("USAGE", `--space must be one of ${spaces.join(", ")}, got "${space}"`, {
          fix: `write ${spaces.map((s) => `--space ${s}`).join(", ")}`,
        });
      }
      const config = await ctx.config();
      // LLM judges name their model inside the id, also as members of a composite: resolve them up front.
      // The judge is built before the labels are read, so an unknown judge id is blamed, not the labels.
      const resolveModel = await judgeModels(ctx, [opts.judge]);
      const judgeImpl = createJudge(opts.judge, { resolveModel, taxonomy: config.taxonomy });
      const rows = readLabelFile(path.resolve(ctx.io.cwd, opts.labels), space, {
        response: opts.responseCol,
        label: opts.labelCol,
        prompt: opts.promptCol,
        goal: opts.goalCol,
      });
      const report = await judgeOnLabels({
        judge: judgeImpl,
        rows,
        space,
        concurrency: opts.concurrency,
        progress: ctx.progress(),
        signal: ctx.io.signal,
        label: opts.judge.id,
      });
      ctx.print(
        { judge: judgeImpl.id, version: judgeImpl.version, labels: opts.labels, ...report },
        (v: typeof report & { judge: string }) => `${v.judge} vs ${opts.labels}\n${formatAgreement(v)}`,
      );
    });
}
