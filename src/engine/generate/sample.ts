import type { Rng } from "../../core/index.js";

export interface SamplingOptions {
  /** 0 = greedy (argmax). Default 0. */
  temperature?: number;
  /** Keep only the k most likely tokens (0 = no limit). */
  topK?: number;
  /** Keep the smallest set of most likely tokens whose probability reaches p (1 = no limit). */
  topP?: number;
}

/** Index of the largest value; the lowest index wins ties so greedy decoding is reproducible. */
export function argmax(row: Float32Array): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i]! > row[best]!) best = i;
  return best;
}

/** Draws the next token from one row of logits (V). */
export function sampleToken(row: Float32Array, o: SamplingOptions, rng: Rng): number {
  const temperature = o.temperature ?? 0;
  if (temperature <= 0) return argmax(row);
  const V = row.length;
  const topP = o.topP ?? 1;
  if (!(o.topK !== undefined && o.topK > 0 && o.topK < V) && topP >= 1)
    return sampleFull(row, temperature, rng);
  // Candidates sorted by logit (descending, ties by index), cut by top-k, then by top-p.
  let order = Array.from({ length: V }, (_, i) => i).sort((a, b) => row[b]! - row[a]! || a - b);
  if (o.topK !== undefined && o.topK > 0) order = order.slice(0, o.topK);
  const max = row[order[0]!]!;
  let probs = order.map((i) => Math.exp((row[i]! - max) / temperature));
  let sum = probs.reduce((a, b) => a + b, 0);
  if (topP < 1) {
    let cumulative = 0;
    let keep = 0;
    while (keep < probs.length && cumulative < topP * sum) cumulative += probs[keep++]!;
    order = order.slice(0, Math.max(1, keep));
    probs = probs.slice(0, order.length);
    sum = probs.reduce((a, b) => a + b, 0);
  }
  let u = rng.next() * sum;
  for (let i = 0; i < order.length; i++) {
    u -= probs[i]!;
    if (u < 0) return order[i]!;
  }
  return order[order.length - 1]!;
}

/** Plain temperature sampling over the whole vocabulary: no sort needed. */
function sampleFull(row: Float32Array, temperature: number, rng: Rng): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const x of row) if (x > max) max = x;
  const weights = new Float64Array(row.length);
  let sum = 0;
  for (let i = 0; i < row.length; i++) {
    weights[i] = Math.exp((row[i]! - max) / temperature);
    sum += weights[i]!;
  }
  let u = rng.next() * sum;
  for (let i = 0; i < row.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return argmax(row);
}
