import path from "node:path";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { BreakfixError, escapeText, type Message } from "../../core/index.js";
import { exportGguf, exportHf, type GgufDtype, loadCheckpoint } from "../../engine/formats/index.js";
import type { CliContext } from "../context.js";
import { positiveInt } from "../option-parsers.js";

/** `model chat` and `model export`: using a model once it exists. */
export function registerModelUseCommands(model: Command, ctx: CliContext): void {
  model
    .command("chat <model> [prompt]")
    .description("chat with a model: one reply when a prompt is given, else a conversation on stdin")
    .option("--system <text>", "system prompt")
    .option("--max-tokens <n>", "reply token limit", positiveInt("--max-tokens"), 128)
    .action(async (id: string, prompt: string | undefined, opts: { system?: string; maxTokens: number }) => {
      const m = await ctx.model(id, { cache: false });
      const history: Message[] = opts.system ? [{ role: "system", content: opts.system }] : [];
      const reply = async (text: string): Promise<string> => {
        history.push({ role: "user", content: text });
        const r = await m.generate(history, {
          maxTokens: opts.maxTokens,
          temperature: 0,
          ...(ctx.io.signal && { signal: ctx.io.signal }),
        });
        if (!r.ok) {
          throw new BreakfixError("MODEL_UNAVAILABLE", `${id} failed: ${r.error.kind}: ${r.error.message}`, {
            fix: "check the model id with `breakfix models check <model>`",
          });
        }
        history.push({ role: "assistant", content: r.text });
        return r.text;
      };
      if (prompt !== undefined) {
        const text = await reply(prompt);
        ctx.print({ model: id, prompt, reply: text }, () => escapeText(text));
        return;
      }
      const lines = createInterface({ input: process.stdin, terminal: false });
      if (ctx.io.isTTY) ctx.io.stderr("Type a message (Ctrl-D to quit).\n> ");
      for await (const line of lines) {
        if (line.trim() !== "") ctx.io.stdout(`${escapeText(await reply(line))}\n`);
        if (ctx.io.isTTY) ctx.io.stderr("> ");
      }
    });

  model
    .command("export <checkpoint>")
    .description("export an engine checkpoint folder to GGUF (llama.cpp) or a Hugging Face folder")
    .requiredOption("--format <format>", "gguf or hf")
    .requiredOption("--out <path>", "GGUF file or HF folder to write")
    .option("--dtype <dtype>", "GGUF storage: F32, F16 or Q8_0", "F16")
    .action(async (dir: string, opts: { format: string; out: string; dtype: string }) => {
      if (opts.format !== "gguf" && opts.format !== "hf") {
        throw new BreakfixError("USAGE", `--format must be gguf or hf, got "${opts.format}"`, {
          fix: "pass --format gguf or --format hf",
        });
      }
      if (!["F32", "F16", "Q8_0"].includes(opts.dtype)) {
        throw new BreakfixError("USAGE", `--dtype must be F32, F16 or Q8_0, got "${opts.dtype}"`, {
          fix: "pass --dtype F16",
        });
      }
      const checkpoint = loadCheckpoint(path.resolve(ctx.io.cwd, dir));
      const out = path.resolve(ctx.io.cwd, opts.out);
      if (opts.format === "gguf") exportGguf(out, checkpoint, { dtype: opts.dtype as GgufDtype });
      else exportHf(out, checkpoint);
      ctx.print({ out, format: opts.format }, () => `Wrote ${out}`);
    });
}
