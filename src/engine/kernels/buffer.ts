/**
 * Kernels run on Float32Array in the engine and on Float64Array in the gradient checks, where float32
 * rounding would drown the finite-difference signal. JS arithmetic is double either way; only storage
 * differs.
 */
export type Buf = Float32Array | Float64Array;
