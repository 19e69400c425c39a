// Products with b read row by row (see engine-kernels.ts for the conventions): A · b for A stored (M, K),
// or (K, M) read transposed. The NT products and the shared helpers are in matmul.ts.
import { put } from "./matmul";

/**
 * out (M, N) = A · b (K, N) where A's element (m, k) sits at a + 4·(m·rs + k·ks): rs = K, ks = 1 for A
 * stored (M, K) (matmulNN in JS terms); rs = 1, ks = M for A stored (K, M) read transposed (matmulTN). Tiles of
 * 4 rows × 8 columns: 8 accumulators, 2 loads of b and 4 broadcasts of A per k.
 */
const KB = 128;
/** Rows of a transposed A packed at a time: MB × KB floats, the size of each thread's pack buffer. */
const MB = 256;

/** This instance's (this thread's) buffer of MB·KB floats for packing A; 0: no packing. */
let packAt: usize = 0;

export function setPackBuffer(at: usize): void {
  packAt = at;
}

export function gemm(
  out: usize,
  a: usize,
  b: usize,
  M: i32,
  N: i32,
  K: i32,
  rs: i32,
  ks: i32,
  acc: i32,
): void {
  // A read transposed (rs = 1) walks its K rows M floats apart: 128 cache lines that far apart collide in
  // the caches, so blocks of up to MB rows × KB k of it are first copied into tiles of 4 rows laid out
  // k after k. Copying changes no arithmetic: every element still sums its products in k order.
  const packed = rs === 1 && packAt !== 0;
  const mb = packed ? MB : M;
  for (let m0 = 0; m0 < M; m0 += mb) {
    const rows = min(mb, M - m0);
    const am = a + ((<usize>(m0 * rs)) << 2);
    const om = out + ((<usize>(m0 * N)) << 2);
    // Blocks of KB rows of b, in panels of 64 columns: a KB×64 slice of b stays in cache while every row
    // tile of A passes it; later blocks add onto the earlier ones' sums.
    for (let k0 = 0; k0 < K; k0 += KB) {
      const kb = min(KB, K - k0);
      const ak = am + ((<usize>(k0 * ks)) << 2);
      const bk = b + ((<usize>(k0 * N)) << 2);
      const accK = k0 > 0 ? 1 : acc;
      let tiles = ak;
      let tileStride = (<usize>(4 * rs)) << 2;
      let r = (<usize>rs) << 2;
      let kstep = (<usize>ks) << 2;
      if (packed) {
        packTransposed(packAt, ak, rows & ~3, kb, ks);
        tiles = packAt;
        tileStride = (<usize>kb) << 4;
        r = 4;
        kstep = 16;
      }
      for (let n0 = 0; n0 < N; n0 += 64) {
        gemmPanel(om, ak, bk, rows, N, kb, rs, ks, accK, n0, min(n0 + 64, N), tiles, tileStride, r, kstep);
      }
    }
  }
}

/** Tiles of 4 rows of A stored (K, M) with row stride ks floats: tile t holds (k, 4 rows) at dst + 16·(t·kb + k). */
function packTransposed(dst: usize, src: usize, rows4: i32, kb: i32, ks: i32): void {
  const tileBytes = (<usize>kb) << 4;
  for (let k = 0; k < kb; k++) {
    const s = src + ((<usize>(k * ks)) << 2);
    let d = dst + ((<usize>k) << 4);
    for (let m = 0; m < rows4; m += 4) {
      v128.store(d, v128.load(s + ((<usize>m) << 2)));
      d += tileBytes;
    }
  }
}

/**
 * Columns n0..n1 of out for one block of k. Row tile t of A starts at tiles + t·tileStride, its rows r
 * bytes apart and its k kstep bytes apart (A itself, or its packed copy); leftovers read A itself.
 */
function gemmPanel(
  out: usize,
  a: usize,
  b: usize,
  M: i32,
  N: i32,
  K: i32,
  rs: i32,
  ks: i32,
  acc: i32,
  n0: i32,
  n1: i32,
  tiles: usize,
  tileStride: usize,
  r: usize,
  kstep: usize,
): void {
  const rowB = (<usize>N) << 2;
  let m = 0;
  for (; m + 3 < M; m += 4) {
    const a0 = tiles + <usize>(m >> 2) * tileStride;
    const o0 = out + <usize>m * rowB;
    const o1 = o0 + rowB;
    const o2 = o1 + rowB;
    const o3 = o2 + rowB;
    let n = n0;
    for (; n + 7 < n1; n += 8) {
      const c = (<usize>n) << 2;
      let c00 = f32x4.splat(0);
      let c01 = f32x4.splat(0);
      let c10 = f32x4.splat(0);
      let c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0);
      let c21 = f32x4.splat(0);
      let c30 = f32x4.splat(0);
      let c31 = f32x4.splat(0);
      let ap = a0;
      let bp = b + c;
      for (let k = 0; k < K; k++) {
        const y0 = v128.load(bp);
        const y1 = v128.load(bp + 16);
        const x0 = v128.load32_splat(ap);
        const x1 = v128.load32_splat(ap + r);
        const x2 = v128.load32_splat(ap + 2 * r);
        const x3 = v128.load32_splat(ap + 3 * r);
        c00 = f32x4.add(c00, f32x4.mul(x0, y0));
        c01 = f32x4.add(c01, f32x4.mul(x0, y1));
        c10 = f32x4.add(c10, f32x4.mul(x1, y0));
        c11 = f32x4.add(c11, f32x4.mul(x1, y1));
        c20 = f32x4.add(c20, f32x4.mul(x2, y0));
        c21 = f32x4.add(c21, f32x4.mul(x2, y1));
        c30 = f32x4.add(c30, f32x4.mul(x3, y0));
        c31 = f32x4.add(c31, f32x4.mul(x3, y1));
        ap += kstep;
        bp += rowB;
      }
      if (acc) {
        c00 = f32x4.add(c00, v128.load(o0 + c));
        c01 = f32x4.add(c01, v128.load(o0 + c + 16));
        c10 = f32x4.add(c10, v128.load(o1 + c));
        c11 = f32x4.add(c11, v128.load(o1 + c + 16));
        c20 = f32x4.add(c20, v128.load(o2 + c));
        c21 = f32x4.add(c21, v128.load(o2 + c + 16));
        c30 = f32x4.add(c30, v128.load(o3 + c));
        c31 = f32x4.add(c31, v128.load(o3 + c + 16));
      }
      v128.store(o0 + c, c00);
      v128.store(o0 + c + 16, c01);
      v128.store(o1 + c, c10);
      v128.store(o1 + c + 16, c11);
      v128.store(o2 + c, c20);
      v128.store(o2 + c + 16, c21);
      v128.store(o3 + c, c30);
      v128.store(o3 + c + 16, c31);
    }
    for (; n < n1; n++) {
      for (let i = 0; i < 4; i++) gemmOne(out, a, b, m + i, n, N, K, rs, ks, acc);
    }
  }
  for (; m < M; m++) {
    for (let n = n0; n < n1; n++) gemmOne(out, a, b, m, n, N, K, rs, ks, acc);
  }
}

function gemmOne(
  out: usize,
  a: usize,
  b: usize,
  m: i32,
  n: i32,
  N: i32,
  K: i32,
  rs: i32,
  ks: i32,
  acc: i32,
): void {
  let s: f32 = 0;
  for (let k = 0; k < K; k++) {
    s += load<f32>(a + ((<usize>(m * rs + k * ks)) << 2)) * load<f32>(b + ((<usize>(k * N + n)) << 2));
  }
  put(out + ((<usize>(m * N + n)) << 2), s, acc);
}
