/**
 * Each kernel's parameters by name, in the order assembly/*.ts declares them (wasm-signatures.test.ts
 * reads the assembly and compares): pointers (byte offsets into the module's memory) first, then sizes
 * and flags. Callers name every argument (KernelArgs) and how a call splits over threads (RowSplit), so a
 * slip is a type error or a thrown one rather than a kernel quietly reading the wrong operand.
 */
const sig = <const P extends readonly string[], const V extends readonly string[]>(
  pointers: P,
  values: V,
) => ({
  pointers,
  values,
});

const MATMUL_NT = sig(["out", "a", "b"], ["M", "N", "K", "acc"]);
/** A's element (m, k) at a + 4·(m·rs + k·ks), so one kernel reads a (M, K) or (K, M) transposed. */
const GEMM = sig(["out", "a", "b"], ["M", "N", "K", "rs", "ks", "acc"]);

export const SIGNATURES = {
  matmulNT: MATMUL_NT,
  matvecPacked: sig(["out", "x", "p", "b"], ["N", "K", "acc"]),
  gemm: GEMM,
  attentionForward: sig(["out", "probs", "q", "k", "v", "scores"], ["B", "T", "H", "KV", "D"]),
  attentionBackward: sig(
    ["dq", "dk", "dv", "dOut", "probs", "q", "k", "v", "ds"],
    ["B", "T", "H", "KV", "D"],
  ),
  attendCached: sig(["out", "q", "k", "v", "scores"], ["n", "H", "KV", "D"]),
  rmsnormForward: sig(["out", "rstd", "x", "w"], ["N", "C", "eps"]),
  rmsnormBackward: sig(["dx", "dw", "dy", "x", "w", "rstd"], ["N", "C", "acc"]),
  swigluForward: sig(["out", "sig", "gate", "up"], ["n"]),
  swigluBackward: sig(["dGate", "dUp", "dOut", "gate", "up", "sig"], ["n"]),
  softmaxRows: sig(["softmax", "lse", "logits", "weights"], ["N", "V"]),
  crossEntropyBackward: sig(["dLogits", "softmax", "targets", "g"], ["N", "V"]),
  adamw: sig(["params", "grads", "m", "v", "c"], ["n"]),
  sumSquares: sig(["x"], ["n"]),
  scale: sig(["x", "c"], ["n"]),
  // The native addon's products (native-blas.ts) take the SIMD products' arguments.
  nativeMatmulNT: MATMUL_NT,
  nativeGemm: GEMM,
} as const;

type Signatures = typeof SIGNATURES;
export type KernelName = keyof Signatures;
/** Kernel names in a fixed order: the thread control block sends a kernel as its index here. */
export const KERNEL_NAMES = Object.keys(SIGNATURES) as KernelName[];

export type PointerName<K extends KernelName> = Signatures[K]["pointers"][number];
export type ValueName<K extends KernelName> = Signatures[K]["values"][number];
/** Every argument of kernel K, by name. */
export type KernelArgs<K extends KernelName> = { readonly [P in PointerName<K> | ValueName<K>]: number };

/** How a call splits into chunks of rows that both threads run (wasm-threads.ts). */
export interface RowSplit<K extends KernelName> {
  /** The size argument that counts rows: each chunk gets its share of it. */
  rows: ValueName<K>;
  /** Bytes each pointer advances per row; pointers left out point at the same place in every chunk. */
  advance: { readonly [P in PointerName<K>]?: number };
  /** A multiple that chunk sizes keep, so a kernel's blocks of rows stay whole. */
  align?: number;
  /** Multiply-adds or similar: whether the call is worth splitting, and into how many chunks. */
  work: number;
}

/** The split as argument positions, the form the control block carries. */
export interface PositionalSplit {
  rowsArg: number;
  advance: [arg: number, bytesPerRow: number][];
  align: number;
}

const ORDER = new Map<KernelName, readonly string[]>(
  KERNEL_NAMES.map((name) => [name, [...SIGNATURES[name].pointers, ...SIGNATURES[name].values]]),
);

/** The arguments in the kernel's order; throws on a missing one (a name that does not match). */
export function positional<K extends KernelName>(name: K, args: KernelArgs<K>): number[] {
  const order = ORDER.get(name)!;
  const named = args as Readonly<Record<string, number>>;
  const out = new Array<number>(order.length);
  for (let i = 0; i < order.length; i++) {
    const value = named[order[i]!];
    if (typeof value !== "number")
      throw new Error(`engine kernel ${name}: no number for argument ${order[i]}`);
    out[i] = value;
  }
  return out;
}

/** The split by argument positions; throws unless rows names a size and every advance names a pointer. */
export function positionalSplit<K extends KernelName>(name: K, how: RowSplit<K>): PositionalSplit {
  const { pointers, values } = SIGNATURES[name] as { pointers: readonly string[]; values: readonly string[] };
  const rowsAt = values.indexOf(how.rows);
  if (rowsAt < 0) throw new Error(`engine kernel ${name}: rows must name a size argument, not ${how.rows}`);
  const advance: [number, number][] = [];
  for (const [arg, bytes] of Object.entries(how.advance as Record<string, number | undefined>)) {
    const at = pointers.indexOf(arg);
    if (at < 0) throw new Error(`engine kernel ${name}: only pointer arguments advance, not ${arg}`);
    if (bytes !== undefined) advance.push([at, bytes]);
  }
  return { rowsArg: pointers.length + rowsAt, advance, align: how.align ?? 1 };
}
