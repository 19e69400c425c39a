import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { BreakfixError } from "../../core/index.js";
import {
  JUDGE_TRAINERS,
  type JudgeTrainer,
  judgeRegistry,
  RUBRICS,
  serializeLogisticModel,
} from "../../judges/index.js";
import type { CliContext } from "../context.js";
import { datasetLoadOptions } from "./dataset-options.js";
import { registerJudgeCalibrate } from "./judge-calibrate.js";

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
      const { model, rows, setting } = await trainer.train(await datasetLoadOptions(ctx));
      const out = path.resolve(ctx.io.cwd, opts.out ?? trainer.shippedPath);
      writeFileSync(out, serializeLogisticModel(model));
      const value = { judge: id, out, rows, setting, features: Object.keys(model.weights).length };
      ctx.print(
        value,
        (v: typeof value) =>
          `trained ${v.judge} on ${v.rows} rows (${v.setting}, chosen by validation), ${v.features} features → ${v.out}`,
      );
    });

  judge
    .command("crossval <judge>")
    .description(
      "held-out agreement of a learned judge with its labels, beside the reference judges in the data",
    )
    .option(
      "--no-nested",
      "use the shipped default settings on every fold instead of choosing them inside each training side (faster)",
    )
    .action(async (id: string, opts: { nested: boolean }) => {
      const { results, text } = await trainerOf(id).crossval(
        await datasetLoadOptions(ctx),
        opts.nested,
        ctx.progress(),
      );
      ctx.print(results, () => text);
    });

  registerJudgeCalibrate(judge, ctx);
}
