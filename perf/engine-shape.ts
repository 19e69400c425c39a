import type { LlamaConfig } from "../src/engine/model/config.js";

/** The engine benchmark shape of issue 3 (≈4.2M params with untied embeddings), shared by the engine benches. */
export const ENGINE_BENCH_CONFIG: LlamaConfig = {
  vocabSize: 2048,
  dModel: 256,
  nLayers: 4,
  nHeads: 4,
  nKvHeads: 4,
  ffnDim: 688,
  contextLength: 128,
  ropeTheta: 10000,
  normEps: 1e-5,
  tiedEmbeddings: false,
};
export const ENGINE_BENCH_BATCH = 8;

/** `--name value` from the command line, or the fallback. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
