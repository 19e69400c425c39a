import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { BreakfixError, mapConcurrent, user } from "../../core/index.js";
import {
  agreementReport,
  createJudge,
  formatAgreement,
  isLabelSpace,
  JUDGE_TRAINERS,
  type JudgeSpec,
  type JudgeTrainer,
  judgeRegistry,
  LABEL_SPACES,
  labelSpaceOf,
  RUBRICS,
  readLabelFile,
  serializeLogisticModel,
} from "../../judges/index.js";
import type { CliContext } from "../context.js";
import { judgeFlag, judgeModels } from "../judge-models.js";
import { positiveInt } from "../option-parsers.js";
import { datasetLoadOptions } from "./dataset-options.js";

/** A trainer by its own name (`refusal`) or by the judge it trains (`refusal:learned`). */
function trainerOf(id: string): JudgeTrainer {
  const trainer =
    JUDGE_TRAINERS[id] ?? (judgeRegistry.has(id) ? judgeRegistry.get(id).calibration?.trainer : undefined);
  if (!trainer) {
    throw new BreakfixError("USAGE", `No trainer for judge "${id}"`, {
      fix: `use one of: ${Object.keys(JUDGE_TRAINERS).join(", ")}`,
    });
  }
  return trainer;
}

export function registerJudgeCommands(program: Command, ctx: CliContext): void {
  const judge = program
    .command("judge")
    .description("Judges: list them, train the learned ones, calibrate against human labels");

  judge
    .command("list")
    .description("built-in judges and the LLM-judge rubrics (use llm:<rubric>:<provider:model>)")
    .action(() => {
      const value = {
        builtin: judgeRegistry
          .list()
          .filter((j) => !j.needsModel)
          .map((j) => ({ id: j.id, description: j.description })),
        rubrics: Object.values(RUBRICS).map((r) => ({ id: r.id, version: r.version, format: r.format })),
      };
      ctx.print(value, (v: typeof value) =>
        [
          ...v.builtin.map((j) => `${j.id.padEnd(20)} ${j.description}`),
          "",
          "LLM judges: llm:<rubric>:<provider:model>, rubrics:",
          ...v.rubrics.map((r) => `  ${r.id}@${r.version}  reply ${r.format}`),
        ].join("\n"),
      );
    });

  judge
    .command("train <judge>")
    .description(
      `retrain a learned judge from the shared labelled data (${Object.keys(JUDGE_TRAINERS).join(", ")})`,
    )
    .option(
      "--out <file>",
      "where to write the weights (default: the shipped weights file in the repository)",
    )
    .action(async (id: string, opts: { out?: string }) => {
      const trainer = trainerOf(id);
      const { model, rows } = await trainer.train(await datasetLoadOptions(ctx));
      const out = path.resolve(ctx.io.cwd, opts.out ?? trainer.shippedPath);
      writeFileSync(out, serializeLogisticModel(model));
      const value = { judge: id, out, rows, features: Object.keys(model.weights).length };
      ctx.print(
        value,
        (v: typeof value) => `trained ${v.judge} on ${v.rows} rows, ${v.features} features → ${v.out}`,
      );
    });

  judge
    .command("crossval <judge>")
    .description(
      "held-out agreement of a learned judge with its labels, beside the reference judges in the data",
    )
    .action(async (id: string) => {
      const { results, text } = await trainerOf(id).crossval(await datasetLoadOptions(ctx));
      ctx.print(results, () => text);
    });

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
      const progress = ctx.progress();
      progress.start(`judging with ${opts.judge.id}`, rows.length);
      const scores = await mapConcurrent(rows, opts.concurrency, async (r) => {
        const s = await judgeImpl.score(
          { goal: r.goal, conversation: r.prompt ? [user(r.prompt)] : [], response: r.response },
          ctx.io.signal,
        );
        progress.advance();
        return s;
      });
      progress.finish();
      const { classes, positive } = LABEL_SPACES[space];
      const predicted = scores.map((s) => (space === "binary" ? toBinary(s.label) : s.label));
      const report = agreementReport(
        rows.map((r, i) => ({ truth: r.label, predicted: predicted[i] as string })),
        classes,
        positive,
      );
      ctx.print(
        { judge: judgeImpl.id, version: judgeImpl.version, labels: opts.labels, ...report },
        (v: typeof report & { judge: string }) => `${v.judge} vs ${opts.labels}\n${formatAgreement(v)}`,
      );
    });
}

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

/** Judges answer in their own vocabulary; calibration against binary labels maps it to safe/unsafe. */
function toBinary(label: string): string {
  if (["unsafe", "yes", "full_compliance"].includes(label)) return "unsafe";
  if (["safe", "no", "full_refusal", "partial_refusal"].includes(label)) return "safe";
  return "unknown";
}
