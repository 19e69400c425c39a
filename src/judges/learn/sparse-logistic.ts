/**
 * Multinomial logistic regression over sparse named features, trained full-batch with Adam and L2.
 * Small enough to train in seconds on a few thousand rows, and its weights are plain JSON, so learned
 * judges ship as data and run in microseconds with no LLM.
 */
export type FeatureVector = Map<string, number>;

export interface LogisticModel {
  classes: string[];
  /** feature name → one weight per class. */
  weights: Record<string, number[]>;
  bias: number[];
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** Per-class weight on the loss, to keep rare classes from being ignored. */
  classWeights?: number[];
  /** Features seen in fewer rows than this are dropped (noise, and a smaller model). */
  minCount?: number;
}

export function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

function softmaxInPlace(z: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    const e = Math.exp((z[k] as number) - max);
    z[k] = e;
    sum += e;
  }
  for (let k = 0; k < z.length; k++) z[k] = (z[k] as number) / sum;
}

export function predictProba(model: LogisticModel, x: FeatureVector): number[] {
  const logits = model.bias.slice();
  for (const [name, value] of x) {
    const w = model.weights[name];
    if (!w) continue;
    for (let k = 0; k < logits.length; k++) logits[k] = (logits[k] as number) + (w[k] as number) * value;
  }
  return softmax(logits);
}

export function trainLogistic(
  rows: readonly { x: FeatureVector; y: number }[],
  classes: string[],
  options: TrainOptions = {},
): LogisticModel {
  const { epochs = 300, learningRate = 0.05, l2 = 1e-3, minCount = 2 } = options;
  const K = classes.length;
  const classWeights = options.classWeights ?? new Array(K).fill(1);

  // Index features that occur in at least minCount rows.
  const df = new Map<string, number>();
  for (const r of rows) for (const f of r.x.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const names = [...df.entries()]
    .filter(([, c]) => c >= minCount)
    .map(([f]) => f)
    .sort();
  const index = new Map(names.map((f, i) => [f, i]));
  const encoded = rows.map((r) => {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [f, v] of r.x) {
      const i = index.get(f);
      if (i !== undefined) {
        idx.push(i);
        val.push(v);
      }
    }
    return { idx: Int32Array.from(idx), val: Float64Array.from(val), y: r.y };
  });

  const F = names.length;
  const W = new Float64Array(F * K); // (F, K)
  const b = new Float64Array(K);
  const gW = new Float64Array(F * K);
  const gb = new Float64Array(K);
  const mW = new Float64Array(F * K);
  const vW = new Float64Array(F * K);
  const mb = new Float64Array(K);
  const vb = new Float64Array(K);
  const beta1 = 0.9;
  const beta2 = 0.999;
  const totalWeight = encoded.reduce((s, r) => s + (classWeights[r.y] as number), 0);

  const logits = new Float64Array(K);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    gW.fill(0);
    gb.fill(0);
    for (const r of encoded) {
      const n = r.idx.length;
      logits.set(b);
      for (let j = 0; j < n; j++) {
        const base = (r.idx[j] as number) * K;
        const v = r.val[j] as number;
        for (let k = 0; k < K; k++) logits[k] = (logits[k] as number) + (W[base + k] as number) * v;
      }
      softmaxInPlace(logits);
      const cw = (classWeights[r.y] as number) / totalWeight;
      for (let k = 0; k < K; k++) {
        const d = ((logits[k] as number) - (k === r.y ? 1 : 0)) * cw;
        gb[k] = (gb[k] as number) + d;
        for (let j = 0; j < n; j++) {
          const at = (r.idx[j] as number) * K + k;
          gW[at] = (gW[at] as number) + d * (r.val[j] as number);
        }
      }
    }
    const c1 = 1 - beta1 ** epoch;
    const c2 = 1 - beta2 ** epoch;
    for (let i = 0; i < W.length; i++) {
      const g = (gW[i] as number) + l2 * (W[i] as number);
      mW[i] = beta1 * (mW[i] as number) + (1 - beta1) * g;
      vW[i] = beta2 * (vW[i] as number) + (1 - beta2) * g * g;
      W[i] =
        (W[i] as number) -
        (learningRate * ((mW[i] as number) / c1)) / (Math.sqrt((vW[i] as number) / c2) + 1e-8);
    }
    for (let k = 0; k < K; k++) {
      const g = gb[k] as number;
      mb[k] = beta1 * (mb[k] as number) + (1 - beta1) * g;
      vb[k] = beta2 * (vb[k] as number) + (1 - beta2) * g * g;
      b[k] =
        (b[k] as number) -
        (learningRate * ((mb[k] as number) / c1)) / (Math.sqrt((vb[k] as number) / c2) + 1e-8);
    }
  }

  const weights: Record<string, number[]> = {};
  names.forEach((f, i) => {
    const w = Array.from(W.subarray(i * K, i * K + K), (x) => Math.round(x * 1e4) / 1e4);
    if (w.some((x) => x !== 0)) weights[f] = w;
  });
  return { classes, weights, bias: Array.from(b, (x) => Math.round(x * 1e4) / 1e4) };
}
