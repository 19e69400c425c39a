import { BreakfixError, createRng } from "../../core/index.js";
import { kernelFloats } from "../kernels/backend.js";
import { type RopeTables, ropeTables } from "../kernels/rope.js";
import { headDim, type LlamaConfig, type NamedTensor, paramNames } from "./config.js";
import { checkShapesFitConfig } from "./shapes-fit-config.js";

/**
 * A Llama model's parameters. All of them live in one contiguous Float32Array (`flat`) so the optimizer,
 * gradient clipping and checkpointing work on a single buffer; `params` are named views into it, in
 * Hugging Face names and shapes, which is what the formats read and write.
 */
export interface LlamaModel {
  readonly config: LlamaConfig;
  readonly flat: Float32Array;
  readonly params: readonly NamedTensor[];
  readonly rope: RopeTables;
  /** The parameter called `name` (a view into `flat`); throws on an unknown name. */
  tensor(name: string): Float32Array;
}

/** Parameter names and shapes in storage order. */
export function paramShapes(c: LlamaConfig): { name: string; shape: number[] }[] {
  const hd = headDim(c);
  const out: { name: string; shape: number[] }[] = [
    { name: paramNames.embed, shape: [c.vocabSize, c.dModel] },
  ];
  for (let i = 0; i < c.nLayers; i++) {
    const n = paramNames.layer(i);
    out.push(
      { name: n.attnNorm, shape: [c.dModel] },
      { name: n.q, shape: [c.nHeads * hd, c.dModel] },
      { name: n.k, shape: [c.nKvHeads * hd, c.dModel] },
      { name: n.v, shape: [c.nKvHeads * hd, c.dModel] },
      { name: n.o, shape: [c.dModel, c.nHeads * hd] },
      { name: n.mlpNorm, shape: [c.dModel] },
      { name: n.gate, shape: [c.ffnDim, c.dModel] },
      { name: n.up, shape: [c.ffnDim, c.dModel] },
      { name: n.down, shape: [c.dModel, c.ffnDim] },
    );
  }
  out.push({ name: paramNames.finalNorm, shape: [c.dModel] });
  if (!c.tiedEmbeddings) out.push({ name: paramNames.lmHead, shape: [c.vocabSize, c.dModel] });
  return out;
}

export const isNormParam = (name: string): boolean => name.endsWith("norm.weight");

/** Throws a CONFIG_INVALID BreakfixError naming the first inconsistent field. */
export function validateLlamaConfig(c: LlamaConfig): void {
  const positive = [
    "vocabSize",
    "dModel",
    "nLayers",
    "nHeads",
    "nKvHeads",
    "ffnDim",
    "contextLength",
  ] as const;
  const fail = (field: string, message: string, fix: string): never => {
    throw new BreakfixError("CONFIG_INVALID", `model config: ${message}`, { fix, location: { field } });
  };
  for (const f of positive) {
    if (!Number.isInteger(c[f]) || c[f] <= 0)
      fail(f, `${f} must be a positive integer, got ${c[f]}`, `set ${f}`);
  }
  if (c.dModel % c.nHeads !== 0) fail("nHeads", "nHeads must divide dModel", "pick nHeads dividing dModel");
  if (headDim(c) % 2 !== 0) fail("nHeads", "head dimension must be even for RoPE", "change dModel or nHeads");
  if (c.nHeads % c.nKvHeads !== 0)
    fail("nKvHeads", "nKvHeads must divide nHeads", "pick a divisor of nHeads");
  if (!(c.ropeTheta > 0)) fail("ropeTheta", "ropeTheta must be positive", "use 10000");
  if (!(c.normEps > 0)) fail("normEps", "normEps must be positive", "use 1e-5");
}

function assemble(config: LlamaConfig, flat: Float32Array): LlamaModel {
  const params: NamedTensor[] = [];
  const byName = new Map<string, Float32Array>();
  let offset = 0;
  for (const { name, shape } of paramShapes(config)) {
    const size = shape.reduce((a, b) => a * b, 1);
    const data = flat.subarray(offset, offset + size);
    params.push({ name, shape, data });
    byName.set(name, data);
    offset += size;
  }
  return {
    config,
    flat,
    params,
    rope: ropeTables(config.contextLength, headDim(config), config.ropeTheta),
    tensor(name) {
      const t = byName.get(name);
      if (t === undefined) throw new BreakfixError("INTERNAL", `no parameter named ${name}`);
      return t;
    },
  };
}

export const paramCount = (c: LlamaConfig): number =>
  paramShapes(c).reduce((sum, p) => sum + p.shape.reduce((a, b) => a * b, 1), 0);

/**
 * A freshly initialised model, as Hugging Face initialises Llama: every matrix N(0, 0.02²), every norm
 * weight 1. The same seed always gives the same weights.
 */
export function createLlama(config: LlamaConfig, seed: number, initStd = 0.02): LlamaModel {
  validateLlamaConfig(config);
  const model = assemble(config, new Float32Array(paramCount(config)));
  const rng = createRng(seed);
  for (const p of model.params) {
    if (isNormParam(p.name)) p.data.fill(1);
    else for (let i = 0; i < p.data.length; i++) p.data[i] = rng.normal() * initStd;
  }
  return model;
}

/**
 * A model holding the given tensors (e.g. read from a checkpoint). Every parameter must be present with
 * its exact shape; extra tensors are rejected so a mismatched checkpoint never loads silently.
 */
export function llamaFromTensors(
  config: LlamaConfig,
  tensors: readonly NamedTensor[],
  source = "weights",
): LlamaModel {
  validateLlamaConfig(config);
  checkShapesFitConfig(config, tensors, source);
  const model = assemble(config, new Float32Array(paramCount(config)));
  const given = new Map(tensors.map((t) => [t.name, t]));
  for (const p of model.params) {
    const t = given.get(p.name);
    const fail = (message: string): never => {
      throw new BreakfixError("DATA_INVALID", `${source}: ${message}`, {
        fix: "load a checkpoint written for this model config",
        location: { file: source, field: p.name },
      });
    };
    if (t === undefined) fail(`missing tensor ${p.name}`);
    else if (t.shape.join(",") !== p.shape.join(",") || t.data.length !== p.data.length) {
      fail(`tensor ${p.name} has shape [${t.shape}], expected [${p.shape}]`);
    } else p.data.set(t.data);
    given.delete(p.name);
  }
  const extra = [...given.keys()];
  if (extra.length > 0) {
    throw new BreakfixError("DATA_INVALID", `${source}: unexpected tensor ${extra[0]}`, {
      fix: "check tiedEmbeddings and nLayers in the config match the checkpoint",
      location: { file: source, field: extra[0] },
    });
  }
  return model;
}

/** Gradient buffers shaped like the model's parameters (one flat buffer, named views). */
export interface Gradients {
  readonly flat: Float32Array;
  tensor(name: string): Float32Array;
}

export function createGradients(model: LlamaModel): Gradients {
  const g = assemble(model.config, kernelFloats(model.flat.length));
  return { flat: g.flat, tensor: g.tensor };
}
