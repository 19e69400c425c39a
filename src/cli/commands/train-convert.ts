import { writeFileSync } from "node:fs";
import path from "node:path";
import { type Command, Option } from "commander";
import { escapeJsonText } from "../../core/index.js";
import type { EngineTrainingRequest } from "../../train/index.js";
import {
  convertTrainingData,
  INPUT_FORMATS,
  lineList,
  readTrainingFile,
  TRAINING_FORMATS,
  toTrainingJsonl,
} from "../../training-data/index.js";
import type { CliContext } from "../context.js";

/** `train convert`: training data from one JSONL layout to another. */
export function registerTrainConvert(train: Command, ctx: CliContext): void {
  train
    .command("convert <file>")
    .description(
      "convert training data between OpenAI chat, OpenAI DPO, TRL and HH-RLHF JSONL (also reads TRL prompt-completion, KTO and PKU-SafeRLHF)",
    )
    .addOption(
      new Option("--from <format>", "input format").choices(["auto", ...INPUT_FORMATS]).default("auto"),
    )
    .addOption(
      new Option("--to <format>", "output format").choices([...TRAINING_FORMATS]).makeOptionMandatory(),
    )
    .option("--out <file>", "output file (default: stdout)")
    .action(
      (
        file: string,
        o: { from: EngineTrainingRequest["format"]; to: (typeof TRAINING_FORMATS)[number]; out?: string },
      ) => {
        const { data } = readTrainingFile(path.resolve(ctx.io.cwd, file), o.from, { allowUnpaired: true });
        const text = toTrainingJsonl(convertTrainingData(data, o.to));
        const unpaired = data.unpairedLines ?? [];
        // Rows that could not pair never vanish unseen: stderr names them even when the data goes to stdout.
        if (unpaired.length > 0) {
          ctx.io.stderr(
            `${unpaired.length} KTO row${unpaired.length === 1 ? "" : "s"} left out: their prompt has no completion of the other label (lines ${lineList(unpaired)})\n`,
          );
        }
        if (o.out === undefined) {
          ctx.io.stdout(escapeJsonText(text));
          return;
        }
        const out = path.resolve(ctx.io.cwd, o.out);
        writeFileSync(out, text);
        const from = data.readAs ?? data.format;
        ctx.print(
          { from, to: o.to, rows: data.rows.length, unpairedRows: unpaired.length, out },
          () => `${data.rows.length} rows ${from} → ${o.to}: ${out}`,
        );
      },
    );
}
