import path from "node:path";
import type { Command } from "commander";
import {
  BASE_RECIPE,
  buildBase,
  buildEvalSet,
  evaluateBase,
  formatEvaluation,
  TINY_RECIPE,
  writeEvalFiles,
} from "../../embedded/index.js";
import type { CliContext } from "../context.js";
import { positiveInt } from "../option-parsers.js";
import { registerModelUseCommands } from "./model-use.js";

const DEFAULT_OUT = path.join(".breakfix", "checkpoints", "base");

export function registerModelCommands(program: Command, ctx: CliContext): void {
  const model = program
    .command("model")
    .description("The embedded base model: build it, evaluate it, chat with it, export it");

  model
    .command("build-base")
    .description("train the tokenizer and base model from the generated corpus (deterministic, CPU, minutes)")
    .option("--out <dir>", "checkpoint folder to write", DEFAULT_OUT)
    .option("--steps <n>", "training steps (default: the recipe's)", positiveInt("--steps"))
    .option("--tiny", "a tiny model in seconds (for smoke tests)", false)
    .action(async (opts: { out: string; steps?: number; tiny: boolean }) => {
      const recipe = { ...(opts.tiny ? TINY_RECIPE : BASE_RECIPE) };
      if (opts.steps !== undefined) recipe.steps = opts.steps;
      const out = path.resolve(ctx.io.cwd, opts.out);
      const report = buildBase(recipe, out, ctx.progress());
      ctx.print({ out, ...report }, () =>
        [
          `Built ${out}`,
          `  ${report.params} parameters, vocab ${report.vocabSize}, ${recipe.steps} steps in ${report.seconds} s`,
          `  loss ${report.firstLoss.toFixed(3)} → ${report.tailLoss.toFixed(3)} (mean of the last 5% of steps)`,
          `  model.safetensors sha256 ${report.weightsSha256}`,
          `Use it as engine:${opts.out === DEFAULT_OUT ? "base" : out}`,
        ].join("\n"),
      );
    });

  model
    .command("eval-base [model]")
    .description(
      "held-out evaluation: exact-match accuracy per task family, harmful compliance, borderline refusal",
    )
    .action(async (id: string | undefined) => {
      const m = await ctx.model(id ?? "engine:base", { cache: false });
      const result = await evaluateBase(m, buildEvalSet(), { progress: ctx.progress() });
      ctx.print(result, formatEvaluation);
    });

  model
    .command("eval-set")
    .description(
      "write the held-out evaluation prompts as JSONL (capability.jsonl fits `bench run capability`)",
    )
    .requiredOption("--out <dir>", "folder to write")
    .action(async (opts: { out: string }) => {
      const files = writeEvalFiles(path.resolve(ctx.io.cwd, opts.out), buildEvalSet());
      ctx.print({ files }, () => files.join("\n"));
    });

  registerModelUseCommands(model, ctx);
}
