/**
 * Decoding that yields between tokens (generateAsync: what `serve` streams with and what engine models use)
 * against the synchronous generate() on the shipped base model, interleaved in one process: batches of 16
 * and single prompts, 64 new tokens each. `async/sync` near 1 means yielding costs nothing measurable.
 *   npx tsx perf/engine-decode-async.ts [--rounds 5]
 */
import path from "node:path";
import { loadCheckpoint } from "../src/engine/formats/index.js";
import { generate, generateAsync } from "../src/engine/generate/index.js";
import { renderChat } from "../src/engine/tokenizer/index.js";

const rounds = Number(process.argv[process.argv.indexOf("--rounds") + 1] ?? 5) || 5;
const { model, tokenizer } = loadCheckpoint(path.resolve(import.meta.dirname, "../checkpoints/base"));
const prompts = Array.from(
  { length: 16 },
  (_, i) =>
    renderChat(tokenizer, [{ role: "user", content: `What is ${i} plus ${i + 3}?` }], {
      addGenerationPrompt: true,
    }).ids,
);
const o = { maxTokens: 64 };
const time = async (f: () => unknown) => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows = {
  batch: { sync: [] as number[], async: [] as number[] },
  single: { sync: [] as number[], async: [] as number[] },
};
await time(() => generate(model, prompts, o)); // warm-up
for (let r = 0; r < rounds; r++) {
  rows.batch.sync.push(await time(() => generate(model, prompts, o)));
  rows.batch.async.push(await time(() => generateAsync(model, prompts, o)));
  rows.single.sync.push(
    await time(() => {
      for (const p of prompts.slice(0, 4)) generate(model, [p], o);
    }),
  );
  rows.single.async.push(
    await time(async () => {
      for (const p of prompts.slice(0, 4)) await generateAsync(model, [p], o);
    }),
  );
}
for (const [name, v] of Object.entries(rows)) {
  const [s, a] = [median(v.sync), median(v.async)];
  console.log(
    `${name.padEnd(6)} sync ${s.toFixed(0)} ms  async ${a.toFixed(0)} ms  async/sync ${(a / s).toFixed(3)}`,
  );
}
