import { createHash } from "node:crypto";
import { generate } from "../src/engine/generate/generate.js";
import { setKernelBackend, setKernelThreads } from "../src/engine/kernels/backend.js";
import type { LlamaConfig } from "../src/engine/model/config.js";
import { createLlama } from "../src/engine/model/llama.js";
import { createTrainer } from "../src/engine/training-loop/trainer.js";
import { arg, ENGINE_BENCH_BATCH, ENGINE_BENCH_CONFIG } from "./engine-shape.js";

/**
 * Fingerprints of the engine's numerics: sha256 of the weights after a short training run, of its loss
 * sequence and of a greedy decode, on the SIMD kernels (1 and 2 threads) and on the JS fallback. Speed work
 * on the kernels must leave every line unchanged (checkpoints and fixtures depend on bit-exact floats).
 * `npx tsx perf/engine-fingerprint.ts [--steps 20] [--bench-steps 2]`
 */
const steps = Number(arg("steps", "20"));
const benchSteps = Number(arg("bench-steps", "2"));

// Odd sizes so every kernel's remainder paths run: head dim 12, GQA, ffn 100, 3 × 24 rows.
const ODD: LlamaConfig = {
  vocabSize: 300,
  dModel: 48,
  nLayers: 2,
  nHeads: 4,
  nKvHeads: 2,
  ffnDim: 100,
  contextLength: 24,
  ropeTheta: 10000,
  normEps: 1e-5,
  tiedEmbeddings: true,
};

const sha = (...parts: ArrayBufferView[]): string => {
  const h = createHash("sha256");
  for (const p of parts) h.update(new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
  return h.digest("hex").slice(0, 16);
};

function run(config: LlamaConfig, B: number, n: number, masked: boolean): string {
  const model = createLlama(config, 7);
  const T = config.contextLength;
  const trainer = createTrainer(
    model,
    (_step, _micro, rng) => {
      const tokens = Int32Array.from({ length: B * T }, () => rng.int(config.vocabSize));
      const targets = Int32Array.from({ length: B * T }, () => rng.int(config.vocabSize));
      const weights = masked ? Float32Array.from({ length: B * T }, (_, i) => (i % 5 === 0 ? 0 : 1)) : null;
      return { B, T, tokens, targets, weights };
    },
    { steps: n, learningRate: 3e-3, warmupSteps: 2, seed: 3, accumulation: masked ? 2 : 1 },
  );
  const losses = new Float64Array(n);
  for (let i = 0; i < n; i++) losses[i] = trainer.step().loss;
  const [g] = generate(model, [[1, 2, 3]], { maxTokens: 8 });
  const decoded = Int32Array.from(g!.tokens);
  return `weights ${sha(model.flat)} losses ${sha(losses)} decode ${sha(decoded)} m ${sha(trainer.optimizer.m, trainer.optimizer.v)}`;
}

const contenders: [name: string, backend: "auto" | "js", threads: 1 | 2][] = [
  ["wasm 2thr", "auto", 2],
  ["wasm 1thr", "auto", 1],
  ["js", "js", 1],
];
for (const [name, backend, threads] of contenders) {
  setKernelBackend(backend);
  setKernelThreads(threads);
  console.log(`odd   ${name.padEnd(9)} ${run(ODD, 3, steps, true)}`);
}
// The JS kernels take minutes on the bench shape; the SIMD ones are what speed work changes.
for (const [name, backend, threads] of contenders.slice(0, 2)) {
  setKernelBackend(backend);
  setKernelThreads(threads);
  console.log(`bench ${name.padEnd(9)} ${run(ENGINE_BENCH_CONFIG, ENGINE_BENCH_BATCH, benchSteps, false)}`);
}
