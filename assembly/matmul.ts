// Matrix products a · bᵀ with b (N, K) read row by row (NT, see engine-kernels.ts for the conventions), the
// one-row product on packed weights for decoding, and the helpers gemm.ts shares.

function hsum(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3)
  );
}

export function put(p: usize, value: f32, acc: i32): void {
  store<f32>(p, acc ? load<f32>(p) + value : value);
}

/** One dot product of rows x and y of length K, SIMD over k. */
export function dot(x: usize, y: usize, K: i32): f32 {
  let s = f32x4.splat(0);
  let k = 0;
  for (; k + 3 < K; k += 4) {
    const o = (<usize>k) << 2;
    s = f32x4.add(s, f32x4.mul(v128.load(x + o), v128.load(y + o)));
  }
  let t = hsum(s);
  for (; k < K; k++) t += load<f32>(x + ((<usize>k) << 2)) * load<f32>(y + ((<usize>k) << 2));
  return t;
}

/**
 * dst[i] = dot(x, y + i·stride, K) for i < 4 (added onto dst when acc != 0), summed exactly as dot() sums,
 * but with the four sums side by side so that none waits on its own previous addition.
 */
export function dot4(dst: usize, x: usize, y: usize, stride: usize, K: i32, acc: i32): void {
  const y1 = y + stride;
  const y2 = y1 + stride;
  const y3 = y2 + stride;
  let s0 = f32x4.splat(0);
  let s1 = f32x4.splat(0);
  let s2 = f32x4.splat(0);
  let s3 = f32x4.splat(0);
  let k = 0;
  for (; k + 3 < K; k += 4) {
    const o = (<usize>k) << 2;
    const xv = v128.load(x + o);
    s0 = f32x4.add(s0, f32x4.mul(xv, v128.load(y + o)));
    s1 = f32x4.add(s1, f32x4.mul(xv, v128.load(y1 + o)));
    s2 = f32x4.add(s2, f32x4.mul(xv, v128.load(y2 + o)));
    s3 = f32x4.add(s3, f32x4.mul(xv, v128.load(y3 + o)));
  }
  let r0 = hsum(s0);
  let r1 = hsum(s1);
  let r2 = hsum(s2);
  let r3 = hsum(s3);
  for (; k < K; k++) {
    const o = (<usize>k) << 2;
    const xs = load<f32>(x + o);
    r0 += xs * load<f32>(y + o);
    r1 += xs * load<f32>(y1 + o);
    r2 += xs * load<f32>(y2 + o);
    r3 += xs * load<f32>(y3 + o);
  }
  put(dst, r0, acc);
  put(dst + 4, r1, acc);
  put(dst + 8, r2, acc);
  put(dst + 12, r3, acc);
}

/**
 * out (M, N) = a (M, K) · bᵀ with b (N, K). Tiles of 2 rows × 4 columns keep 8 accumulators in registers;
 * columns go in panels of about 128 KiB of b, so a panel stays in cache while every row of a passes it
 * (without panels, a 2048-row b is streamed from memory once per pair of rows).
 */
export function matmulNT(out: usize, a: usize, b: usize, M: i32, N: i32, K: i32, acc: i32): void {
  let panel = (32768 / K) & ~3;
  if (panel < 4) panel = 4;
  for (let n0 = 0; n0 < N; n0 += panel) ntPanel(out, a, b, M, N, K, acc, n0, min(n0 + panel, N));
}

function ntPanel(out: usize, a: usize, b: usize, M: i32, N: i32, K: i32, acc: i32, n0: i32, n1: i32): void {
  const rowA = (<usize>K) << 2;
  let m = 0;
  for (; m + 1 < M; m += 2) {
    const a0 = a + <usize>m * rowA;
    const a1 = a0 + rowA;
    const o0 = out + ((<usize>(m * N)) << 2);
    const o1 = o0 + ((<usize>N) << 2);
    let n = n0;
    for (; n + 3 < n1; n += 4) {
      const b0 = b + <usize>n * rowA;
      const b1 = b0 + rowA;
      const b2 = b1 + rowA;
      const b3 = b2 + rowA;
      let s00 = f32x4.splat(0);
      let s01 = f32x4.splat(0);
      let s02 = f32x4.splat(0);
      let s03 = f32x4.splat(0);
      let s10 = f32x4.splat(0);
      let s11 = f32x4.splat(0);
      let s12 = f32x4.splat(0);
      let s13 = f32x4.splat(0);
      let k = 0;
      for (; k + 3 < K; k += 4) {
        const o = (<usize>k) << 2;
        const x0 = v128.load(a0 + o);
        const x1 = v128.load(a1 + o);
        const y0 = v128.load(b0 + o);
        const y1 = v128.load(b1 + o);
        const y2 = v128.load(b2 + o);
        const y3 = v128.load(b3 + o);
        s00 = f32x4.add(s00, f32x4.mul(x0, y0));
        s01 = f32x4.add(s01, f32x4.mul(x0, y1));
        s02 = f32x4.add(s02, f32x4.mul(x0, y2));
        s03 = f32x4.add(s03, f32x4.mul(x0, y3));
        s10 = f32x4.add(s10, f32x4.mul(x1, y0));
        s11 = f32x4.add(s11, f32x4.mul(x1, y1));
        s12 = f32x4.add(s12, f32x4.mul(x1, y2));
        s13 = f32x4.add(s13, f32x4.mul(x1, y3));
      }
      let r00 = hsum(s00);
      let r01 = hsum(s01);
      let r02 = hsum(s02);
      let r03 = hsum(s03);
      let r10 = hsum(s10);
      let r11 = hsum(s11);
      let r12 = hsum(s12);
      let r13 = hsum(s13);
      for (; k < K; k++) {
        const o = (<usize>k) << 2;
        const x0 = load<f32>(a0 + o);
        const x1 = load<f32>(a1 + o);
        r00 += x0 * load<f32>(b0 + o);
        r01 += x0 * load<f32>(b1 + o);
        r02 += x0 * load<f32>(b2 + o);
        r03 += x0 * load<f32>(b3 + o);
        r10 += x1 * load<f32>(b0 + o);
        r11 += x1 * load<f32>(b1 + o);
        r12 += x1 * load<f32>(b2 + o);
        r13 += x1 * load<f32>(b3 + o);
      }
      const c = (<usize>n) << 2;
      put(o0 + c, r00, acc);
      put(o0 + c + 4, r01, acc);
      put(o0 + c + 8, r02, acc);
      put(o0 + c + 12, r03, acc);
      put(o1 + c, r10, acc);
      put(o1 + c + 4, r11, acc);
      put(o1 + c + 8, r12, acc);
      put(o1 + c + 12, r13, acc);
    }
    for (; n < n1; n++) {
      const bn = b + <usize>n * rowA;
      put(o0 + ((<usize>n) << 2), dot(a0, bn, K), acc);
      put(o1 + ((<usize>n) << 2), dot(a1, bn, K), acc);
    }
  }
  // A leftover row (every row when decoding one token) takes 4 columns at a time: one sum per column
  // would leave each addition waiting on the previous one.
  for (; m < M; m++) {
    const am = a + <usize>m * rowA;
    const om = out + ((<usize>(m * N)) << 2);
    let n = n0;
    for (; n + 3 < n1; n += 4) dot4(om + ((<usize>n) << 2), am, b + <usize>n * rowA, rowA, K, acc);
    for (; n < n1; n++) put(om + ((<usize>n) << 2), dot(am, b + <usize>n * rowA, K), acc);
  }
}

/**
 * Rows 0..N&~3 of b (N, K) in quads for matvecPacked: for each quad of rows, for each step of 4 k, the 4
 * rows' 4 floats one after another (64 bytes). K&~3 columns; matvecPacked reads the rest from b itself.
 */
export function packQuads(dst: usize, b: usize, N: i32, K: i32): void {
  const row = (<usize>K) << 2;
  const K4 = K & ~3;
  for (let n = 0; n + 3 < N; n += 4) {
    for (let k = 0; k < K4; k += 4) {
      const s = b + <usize>n * row + ((<usize>k) << 2);
      v128.store(dst, v128.load(s));
      v128.store(dst, v128.load(s + row), 16);
      v128.store(dst, v128.load(s + 2 * row), 32);
      v128.store(dst, v128.load(s + 3 * row), 48);
      dst += 64;
    }
  }
}

/**
 * out (1, N) = x (1, K) · bᵀ, as matmulNT computes it for one row (dot4's sums, bit for bit), reading the
 * weights from their packQuads copy p: one sequential stream instead of four rows at a time, which runs
 * decoding's weight-bound products near the memory's read rate. b is the unpacked matrix, for the columns
 * past K&~3 and the rows past N&~3.
 */
export function matvecPacked(out: usize, x: usize, p: usize, b: usize, N: i32, K: i32, acc: i32): void {
  const row = (<usize>K) << 2;
  const K4 = K & ~3;
  const xEnd = x + ((<usize>K4) << 2);
  let n = 0;
  for (; n + 3 < N; n += 4) {
    let s0 = f32x4.splat(0);
    let s1 = f32x4.splat(0);
    let s2 = f32x4.splat(0);
    let s3 = f32x4.splat(0);
    for (let px = x; px < xEnd; px += 16) {
      const xv = v128.load(px);
      s0 = f32x4.add(s0, f32x4.mul(xv, v128.load(p)));
      s1 = f32x4.add(s1, f32x4.mul(xv, v128.load(p, 16)));
      s2 = f32x4.add(s2, f32x4.mul(xv, v128.load(p, 32)));
      s3 = f32x4.add(s3, f32x4.mul(xv, v128.load(p, 48)));
      p += 64;
    }
    let r0 = hsum(s0);
    let r1 = hsum(s1);
    let r2 = hsum(s2);
    let r3 = hsum(s3);
    const y = b + <usize>n * row;
    for (let k = K4; k < K; k++) {
      const o = (<usize>k) << 2;
      const xs = load<f32>(x + o);
      r0 += xs * load<f32>(y + o);
      r1 += xs * load<f32>(y + row + o);
      r2 += xs * load<f32>(y + 2 * row + o);
      r3 += xs * load<f32>(y + 3 * row + o);
    }
    const d = out + ((<usize>n) << 2);
    put(d, r0, acc);
    put(d + 4, r1, acc);
    put(d + 8, r2, acc);
    put(d + 12, r3, acc);
  }
  for (; n < N; n++) put(out + ((<usize>n) << 2), dot(x, b + <usize>n * row, K), acc);
}
