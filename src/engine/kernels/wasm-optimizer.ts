import type { KernelCore } from "./wasm-core.js";

/**
 * AdamW and gradient clipping on the SIMD module (assembly/optimizer.ts), bit for bit as the JS in
 * src/engine/training-loop. They run only on arrays the module can reach in place (resident arrays, or the
 * pinned weights, whose copy is written back): copying the optimizer state in and out would cost more
 * than the update. Each returns false, doing nothing, when an array is not in place.
 */
export interface OptimizerKernels {
  /** AdamW on elements [start, end); `constants` as in assembly/optimizer.ts (beta1 … keep). */
  adamw(
    params: Float32Array,
    grads: Float32Array,
    m: Float32Array,
    v: Float32Array,
    start: number,
    end: number,
    constants: readonly number[],
  ): boolean;
  /** Σ x² in float64, in order; null when x is not in place. */
  sumSquares(x: Float32Array): number | null;
  /** x ← x·s (float64 product rounded to float32). */
  scale(x: Float32Array, s: number): boolean;
}

export function optimizerKernels(core: KernelCore): OptimizerKernels {
  const { layout, inPlace, resident, run, call } = core;
  /** One slot of float64 constants, for the kernels that the second thread also runs. */
  const constantsAt = (values: readonly number[]): number => {
    const { at, heap } = layout([2 * values.length]);
    new Float64Array(heap.buffer, at[0]!, values.length).set(values);
    return at[0]!;
  };
  return {
    adamw(params, grads, m, v, start, end, constants) {
      const n = end - start;
      const [p, g, mAt, vAt] = [params, grads, m, v].map((x) => inPlace(x.subarray(start, end), n));
      if (p! < 0 || g! < 0 || mAt! < 0 || vAt! < 0) return false;
      const c = constantsAt(constants);
      const args = { params: p!, grads: g!, m: mAt!, v: vAt!, c, n };
      run("adamw", args, { rows: "n", advance: { params: 4, grads: 4, m: 4, v: 4 }, work: n * 16 });
      core.weightsChanged();
      // Unless the weights are resident, their pinned copy was updated: the weights must follow.
      if (!resident(params)) params.set(layout([]).heap.subarray(p! / 4, p! / 4 + n), start);
      return true;
    },
    sumSquares(x) {
      const at = inPlace(x, x.length);
      return at < 0 ? null : call("sumSquares", { x: at, n: x.length });
    },
    scale(x, s) {
      const at = inPlace(x, x.length);
      if (at < 0) return false;
      const c = constantsAt([s]);
      run("scale", { x: at, c, n: x.length }, { rows: "n", advance: { x: 4 }, work: x.length * 4 });
      return true;
    },
  };
}
