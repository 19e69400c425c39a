/**
 * The llama.cpp side of perf/engine-train.ts: the engine's model exported to GGUF (F32, as the engine
 * computes) and decoded greedily by node-llama-cpp's prebuilt llama.cpp, with one thread by default (with
 * two it collapsed on the 2-core dev machine); a context per thread count asked for.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Token } from "node-llama-cpp";
import { exportGguf } from "../src/engine/formats/gguf-export.js";
import type { LlamaModel } from "../src/engine/model/llama.js";
import { trainBpe } from "../src/engine/tokenizer/train-bpe.js";

export interface LlamaCppDecoder {
  /** Greedy-decodes `n` tokens after a one-token prompt on `threads` threads; returns tokens per second. */
  decode(n: number, threads?: number): Promise<number>;
  close(): Promise<void>;
}

export async function startLlamaCppDecoder(model: LlamaModel): Promise<LlamaCppDecoder | string> {
  let getLlama: typeof import("node-llama-cpp").getLlama;
  let LlamaLogLevel: typeof import("node-llama-cpp").LlamaLogLevel;
  try {
    ({ getLlama, LlamaLogLevel } = await import("node-llama-cpp"));
  } catch (err) {
    return `node-llama-cpp unavailable: ${(err as Error).message}`;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "breakfix-bench-"));
  const file = path.join(dir, "bench.gguf");
  // The weights are random, so any tokenizer that fits the vocabulary will do.
  const tokenizer = trainBpe(["the cat sat on the mat", "hello world"], { vocabSize: 300, minFrequency: 1 });
  exportGguf(file, { config: model.config, tensors: [...model.params], tokenizer }, { dtype: "F32" });
  const llama = await getLlama({
    gpu: false,
    build: "never",
    logLevel: LlamaLogLevel.error,
    progressLogs: false,
  });
  const loaded = await llama.loadModel({ modelPath: file });
  type Context = Awaited<ReturnType<typeof loaded.createContext>>;
  const contexts = new Map<number, Context>();
  return {
    async decode(n, threads = 1) {
      let context = contexts.get(threads);
      if (context === undefined) {
        context = await loaded.createContext({ contextSize: model.config.contextLength, threads });
        contexts.set(threads, context);
      }
      const sequence = context.getSequence();
      await sequence.clearHistory();
      const t0 = performance.now();
      let count = 0;
      for await (const _ of sequence.evaluate([0 as Token], { temperature: 0 })) {
        if (++count === n) break;
      }
      const rate = count / ((performance.now() - t0) / 1000);
      sequence.dispose();
      return rate;
    },
    async close() {
      for (const context of contexts.values()) await context.dispose();
      await loaded.dispose();
      await llama.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
