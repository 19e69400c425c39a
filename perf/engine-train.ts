import { loadavg } from "node:os";
import { median } from "../src/core/index.js";
import { createRng } from "../src/core/rng.js";
import { generate } from "../src/engine/generate/generate.js";
import {
  activeKernelBackend,
  kernelFloats,
  setKernelBackend,
  setKernelThreads,
} from "../src/engine/kernels/backend.js";
import { matmulNT } from "../src/engine/kernels/matmul.js";
import { loadWasmKernels } from "../src/engine/kernels/wasm-kernels.js";
import { createLlama, paramCount } from "../src/engine/model/llama.js";
import { createTrainer } from "../src/engine/training-loop/trainer.js";
import { type LlamaCppDecoder, startLlamaCppDecoder } from "./engine-llamacpp.js";
import { arg, ENGINE_BENCH_BATCH, ENGINE_BENCH_CONFIG } from "./engine-shape.js";
import { torchBenchSource } from "./engine-torch.js";
import { startPythonWorker } from "./python-worker.js";

const rounds = Number(arg("rounds", "3"));
const steps = Number(arg("steps", "2"));
const decodeTokens = Number(arg("decode", "64"));
const threads = arg("threads", "1,2").split(",").map(Number);
const llamaThreads = arg("llama-threads", "1").split(",").map(Number);
const SETTLE_MS = 500;

/** Why the native backend cannot run here, or null when it can; `nativeLibrary` names its BLAS. */
let nativeLibrary: string | null = null;
function nativeUnavailable(): string | null {
  try {
    setKernelBackend("native");
    nativeLibrary = loadWasmKernels()?.nativeProducts() ?? null;
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    setKernelBackend("auto");
  }
}
const native = nativeUnavailable();

const config = ENGINE_BENCH_CONFIG;
const B = ENGINE_BENCH_BATCH;
const T = config.contextLength;

/** Training tokens per wall-clock second and per second of this process's CPU time (all its threads). */
function engineTrain(): { wall: number; cpu: number } {
  const model = createLlama(config, 1);
  const rng = createRng(1);
  const tokens = Int32Array.from({ length: B * (T + 1) }, () => rng.int(config.vocabSize));
  const batch = {
    B,
    T,
    tokens: Int32Array.from({ length: B * T }, (_, i) => tokens[Math.floor(i / T) * (T + 1) + (i % T)]!),
    targets: Int32Array.from({ length: B * T }, (_, i) => tokens[Math.floor(i / T) * (T + 1) + (i % T) + 1]!),
  };
  const trainer = createTrainer(model, () => batch, {
    steps: 1000,
    learningRate: 1e-3,
    warmupSteps: 10,
    seed: 1,
  });
  trainer.step(); // warm-up: JIT and buffer allocation
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) trainer.step();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { wall: (steps * B * T) / wall, cpu: (steps * B * T) / ((c.user + c.system) / 1e6) };
}

/** a (B·T, d) · bᵀ with b (d, d): the attention projections' shape in the bench step. */
const MATMUL_SHAPE = [ENGINE_BENCH_BATCH * ENGINE_BENCH_CONFIG.contextLength, 256, 256] as const;

/** GFLOP/s of the engine's NT product on resident operands (no copies), current backend and threads. */
function engineMatmul(): number {
  const [M, N, K] = MATMUL_SHAPE;
  const rng = createRng(2);
  const fill = (n: number) => {
    const x = kernelFloats(n);
    for (let i = 0; i < n; i++) x[i] = rng.normal();
    return x;
  };
  const [a, b, out] = [fill(M * K), fill(N * K), kernelFloats(M * N)];
  matmulNT(out, a, b, M, N, K);
  const reps = 50;
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) matmulNT(out, a, b, M, N, K);
  return (2 * M * N * K * reps) / ((performance.now() - t0) / 1000) / 1e9;
}

function engineDecode(): number {
  const model = createLlama(config, 1);
  generate(model, [[0]], { maxTokens: decodeTokens }); // warm-up: JIT
  const t0 = performance.now();
  const [g] = generate(model, [[0]], { maxTokens: decodeTokens });
  return g!.tokens.length / ((performance.now() - t0) / 1000);
}

const startTorch = () => startPythonWorker(torchBenchSource, { ...config, batch: B });

async function main() {
  console.log(`bench shape: ${JSON.stringify(config)}, batch ${B}, ${paramCount(config)} params`);
  console.log(`engine kernels: ${activeKernelBackend()} (run npm run build:wasm for the SIMD kernels)`);
  console.log(`engine-native: ${native ?? `products on ${nativeLibrary}`}`);
  // Other work on the machine moves every figure; the load average says how much there was.
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(" ");
  console.log(`load average (1, 5, 15 min) at start: ${load()}`);
  const torch = startTorch();
  console.log(`pytorch: ${JSON.stringify(await torch.ready())}`);
  const llamaCpp = await startLlamaCppDecoder(createLlama(config, 1));
  if (typeof llamaCpp === "string") console.log(`llama.cpp: skipped (${llamaCpp})`);
  else for (const t of llamaThreads) await llamaCpp.decode(decodeTokens, t); // warm-up
  const results: Record<string, number[]> = {};
  const record = (name: string, value: number, unit = "tok/s") => {
    results[name] ??= [];
    results[name].push(value);
    console.log(`  ${name.padEnd(24)} ${value.toFixed(1)} ${unit}`);
  };
  // Each contender starts on a quiet machine: the previous one's threads (OpenMP, OpenBLAS, llama.cpp,
  // the engine's worker) keep polling for a while after their last job and would take the second core.
  const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  for (let r = 0; r < rounds; r++) {
    console.log(`round ${r + 1}/${rounds}`);
    // --steps 0 measures decoding only.
    for (const t of steps > 0 ? ([2, 1] as const) : []) {
      setKernelThreads(t);
      await settle();
      const rate = engineTrain();
      record(`engine train (${t} thr)`, rate.wall);
      // Per CPU-second, one thread each: what other work on a shared machine moves least.
      if (t === 1) record("engine train cpu (1 thr)", rate.cpu);
    }
    // The optional native backend: products on OpenBLAS, everything else on the SIMD kernels.
    for (const t of steps > 0 && native === null ? ([2, 1] as const) : []) {
      setKernelThreads(t);
      setKernelBackend("native");
      await settle();
      const rate = engineTrain();
      setKernelBackend("auto");
      record(`engine-native train (${t} thr)`, rate.wall);
      if (t === 1) record("engine-native train cpu (1 thr)", rate.cpu);
    }
    for (const t of steps > 0 ? threads : []) {
      await settle();
      record(`torch train (${t} thr)`, await torch.run({ op: "train", steps, threads: t }));
    }
    if (steps > 0) {
      await settle();
      record("torch train cpu (1 thr)", await torch.run({ op: "train", steps, threads: 1, clock: "cpu" }));
    }
    for (const t of [2, 1] as const) {
      setKernelThreads(t);
      await settle();
      record(`engine decode (${t} thr)`, engineDecode());
    }
    for (const t of threads) {
      await settle();
      record(`torch decode (${t} thr)`, await torch.run({ op: "decode", tokens: decodeTokens, threads: t }));
    }
    // The training step's main product shape alone: what each side's matrix kernels reach.
    for (const t of [1, 2] as const) {
      setKernelThreads(t);
      for (const backend of native === null ? (["auto", "native"] as const) : (["auto"] as const)) {
        setKernelBackend(backend);
        await settle();
        const who = backend === "native" ? "engine-native" : "engine";
        record(`${who} matmul (${t} thr)`, engineMatmul(), "GFLOP/s");
        setKernelBackend("auto");
      }
    }
    await settle();
    const [M, N, K] = MATMUL_SHAPE;
    const torchMatmul = await torch.run({ op: "matmul", shape: [M, N, K], reps: 50, threads: 1 });
    record("torch matmul (OpenBLAS)", torchMatmul, "GFLOP/s");
    for (const t of typeof llamaCpp !== "string" ? llamaThreads : []) {
      await settle();
      record(`llama.cpp decode (${t} thr)`, await (llamaCpp as LlamaCppDecoder).decode(decodeTokens, t));
    }
  }
  torch.close();
  if (typeof llamaCpp !== "string") await llamaCpp.close();
  const med = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
  // Wall-clock figures only: the per-CPU-second ones are compared on their own line.
  const best = (who: string, kind: string) =>
    Math.max(
      ...Object.entries(med)
        .filter(([k]) => k.startsWith(`${who} ${kind} (`))
        .map(([, v]) => v),
    );
  console.log(`\nload average at end: ${load()}`);
  console.log("medians (tok/s):");
  for (const [k, v] of Object.entries(med)) console.log(`  ${k.padEnd(24)} ${v.toFixed(1)}`);
  const ratio = (kind: string) => (best("engine", kind) / best("torch", kind)).toFixed(2);
  const train = steps > 0 ? `train ${ratio("train")}×, ` : "";
  console.log(`engine/torch, each at its best thread count: ${train}decode ${ratio("decode")}×`);
  if (steps > 0) {
    const cpu = (who: string) => med[`${who} train cpu (1 thr)`] ?? Number.NaN;
    console.log(
      `engine/torch train per CPU-second, 1 thread each: ${(cpu("engine") / cpu("torch")).toFixed(2)}×`,
    );
    if (native === null) {
      console.log(
        `engine-native/torch train, each at its best thread count: ${(best("engine-native", "train") / best("torch", "train")).toFixed(2)}×; ` +
          `per CPU-second, 1 thread each: ${(cpu("engine-native") / cpu("torch")).toFixed(2)}×`,
      );
    }
  }
  if (typeof llamaCpp !== "string") {
    console.log(
      `engine/llama.cpp decode: ${(best("engine", "decode") / best("llama.cpp", "decode")).toFixed(2)}× ` +
        `(each at its best thread count); 1 thread each: ` +
        `${((med["engine decode (1 thr)"] ?? Number.NaN) / (med["llama.cpp decode (1 thr)"] ?? Number.NaN)).toFixed(2)}×`,
    );
  }
}

await main();
