import { BreakfixError } from "../../core/index.js";
import type { LlamaConfig } from "./config.js";
import { paramShapes } from "./llama.js";

/** Longest context whose RoPE tables are built (2 × contextLength × headDim/2 doubles): 1M positions. */
export const MAX_CONTEXT_LENGTH = 1 << 20;

/**
 * Checks that the tensors a file holds (names and shapes only, no data) are exactly what `config` describes,
 * before anything is allocated from the config: a config claiming 10⁹ layers or a vocabulary of 2.5·10¹¹
 * fails here in microseconds with one line instead of exhausting memory. Throws DATA_INVALID naming the file.
 */
export function checkShapesFitConfig(
  config: LlamaConfig,
  shapes: readonly { name: string; shape: readonly number[] }[],
  source: string,
): void {
  const fail = (message: string, field?: string): never => {
    throw new BreakfixError("DATA_INVALID", message, {
      location: { file: source, ...(field ? { field } : {}) },
      fix: "use the config.json written with these weights (or weights written for this config)",
    });
  };
  const held = shapes.reduce((sum, t) => sum + t.shape.reduce((a, b) => a * b, 1), 0);
  // Each layer has tensors of its own, and the embedding alone is vocabSize × dModel values.
  if (config.nLayers > shapes.length)
    fail(
      `config has nLayers ${config.nLayers} but the weights hold only ${shapes.length} tensors`,
      "nLayers",
    );
  if (config.vocabSize * config.dModel > held)
    fail(
      `config's embedding (vocabSize ${config.vocabSize} × dModel ${config.dModel}) is larger than all ${held} values in the weights`,
      "vocabSize",
    );
  if (config.contextLength > MAX_CONTEXT_LENGTH)
    fail(
      `contextLength ${config.contextLength} is over the ${MAX_CONTEXT_LENGTH} supported`,
      "contextLength",
    );
  const given = new Map(shapes.map((t) => [t.name, t.shape]));
  for (const p of paramShapes(config)) {
    const shape = given.get(p.name);
    if (shape === undefined) fail(`missing tensor ${p.name}`, p.name);
    else if (shape.join(",") !== p.shape.join(","))
      fail(`tensor ${p.name} has shape [${shape}], expected [${p.shape}]`, p.name);
    given.delete(p.name);
  }
  const extra = [...given.keys()][0];
  if (extra !== undefined) fail(`unexpected tensor ${extra} (check tiedEmbeddings and nLayers)`, extra);
}
