import { BreakfixError } from "../../core/index.js";
import { attendCachedRow } from "../kernels/attention/index.js";
import { embeddingForward } from "../kernels/embedding.js";
import { matmulNT } from "../kernels/matmul.js";
import { rmsnormForward } from "../kernels/rmsnorm.js";
import { ropeApply } from "../kernels/rope.js";
import { swigluForward } from "../kernels/swiglu.js";
import { headDim, paramNames } from "../model/config.js";
import type { LlamaModel } from "../model/llama.js";
import type { KvCache } from "./kv-cache.js";

/**
 * Forward pass over new tokens using and extending a KV cache. Row r appends `tokens[r]` to sequence
 * `slots[r]` at that sequence's next position (rows of the same slot in order), so one call can prefill
 * several prompts of different lengths or advance a whole batch by one token. Returns logits (R, V).
 */
export function cachedForward(
  model: LlamaModel,
  cache: KvCache,
  slots: Int32Array,
  tokens: Int32Array,
): Float32Array {
  const c = model.config;
  const R = tokens.length;
  const d = c.dModel;
  const hd = headDim(c);
  const qw = c.nHeads * hd;
  const kw = c.nKvHeads * hd;
  const positions = new Int32Array(R);
  const next = cache.lengths.slice();
  for (let r = 0; r < R; r++) {
    const s = slots[r]!;
    if (!(s >= 0 && s < cache.slots)) throw new BreakfixError("INTERNAL", `no KV-cache slot ${s}`);
    if (next[s]! >= cache.maxT) {
      throw new BreakfixError("DATA_INVALID", `sequence ${s} would exceed the context length ${cache.maxT}`, {
        fix: "shorten the prompt or lower maxTokens",
      });
    }
    positions[r] = next[s]!;
    next[s] = next[s]! + 1;
  }
  const f = (n: number) => new Float32Array(n);
  const x = f(R * d);
  const h = f(R * d);
  const rstd = f(R);
  const q = f(R * qw);
  const k = f(R * kw);
  const v = f(R * kw);
  const att = f(R * qw);
  const proj = f(R * d);
  const gate = f(R * c.ffnDim);
  const up = f(R * c.ffnDim);
  const scores = new Float64Array(cache.maxT);
  const acc = new Float64Array(hd);
  embeddingForward(x, model.tensor(paramNames.embed), tokens, d);
  for (let l = 0; l < c.nLayers; l++) {
    const w = paramNames.layer(l);
    const kc = cache.k[l]!;
    const vc = cache.v[l]!;
    rmsnormForward(h, rstd, x, model.tensor(w.attnNorm), R, d, c.normEps);
    matmulNT(q, h, model.tensor(w.q), R, qw, d);
    matmulNT(k, h, model.tensor(w.k), R, kw, d);
    matmulNT(v, h, model.tensor(w.v), R, kw, d);
    ropeApply(q, positions, c.nHeads, model.rope);
    ropeApply(k, positions, c.nKvHeads, model.rope);
    for (let r = 0; r < R; r++) {
      const at = (slots[r]! * cache.maxT + positions[r]!) * kw;
      kc.set(k.subarray(r * kw, (r + 1) * kw), at);
      vc.set(v.subarray(r * kw, (r + 1) * kw), at);
    }
    const shape = { H: c.nHeads, KV: c.nKvHeads, D: hd };
    for (let r = 0; r < R; r++) {
      attendCachedRow(att, q, r, kc, vc, slots[r]! * cache.maxT, positions[r]!, shape, scores, acc);
    }
    matmulNT(proj, att, model.tensor(w.o), R, d, qw);
    for (let i = 0; i < R * d; i++) x[i] = x[i]! + proj[i]!;
    rmsnormForward(h, rstd, x, model.tensor(w.mlpNorm), R, d, c.normEps);
    matmulNT(gate, h, model.tensor(w.gate), R, c.ffnDim, d);
    matmulNT(up, h, model.tensor(w.up), R, c.ffnDim, d);
    swigluForward(gate, gate, up, R * c.ffnDim);
    matmulNT(proj, gate, model.tensor(w.down), R, d, c.ffnDim);
    for (let i = 0; i < R * d; i++) x[i] = x[i]! + proj[i]!;
  }
  rmsnormForward(h, rstd, x, model.tensor(paramNames.finalNorm), R, d, c.normEps);
  const logits = f(R * c.vocabSize);
  matmulNT(
    logits,
    h,
    model.tensor(c.tiedEmbeddings ? paramNames.embed : paramNames.lmHead),
    R,
    c.vocabSize,
    d,
  );
  cache.lengths.set(next);
  return logits;
}
