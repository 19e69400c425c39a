// The ceiling of 128-bit SIMD products on this CPU, for perf/README.md's engine-train section: the same
// 2 × 4 register tile as the engine's NT product kernel (assembly/matmul.ts), 8 float32x4 accumulators fed
// from L1, once with separate multiplies and adds (what WebAssembly SIMD has) and once with fused
// multiply-adds (relaxed SIMD), in C so that nothing but the arithmetic is measured.
//   cc -O2 -mavx2 -mfma -ffp-contract=off perf/simd-peak.c -o /tmp/simd-peak && /tmp/simd-peak
// (-ffp-contract=off: otherwise the compiler fuses the separate multiplies and adds itself)
#include <immintrin.h>
#include <stdio.h>
#include <time.h>

static float A[2 * 64 * 4] __attribute__((aligned(64)));
static float B[4 * 64 * 4] __attribute__((aligned(64)));

static double seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

// One step of k for the tile: accumulator s<row><col> += x<row> · y<col>, fused or not.
#define STEP(OP)                                                          \
  s00 = OP(x0, y0, s00), s01 = OP(x0, y1, s01), s02 = OP(x0, y2, s02), \
  s03 = OP(x0, y3, s03), s10 = OP(x1, y0, s10), s11 = OP(x1, y1, s11), \
  s12 = OP(x1, y2, s12), s13 = OP(x1, y3, s13)
#define MUL_ADD(x, y, s) _mm_add_ps(s, _mm_mul_ps(x, y))

static double run(int fused) {
  __m128 s00 = _mm_setzero_ps(), s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00;
  const long reps = 2000000;
  double t0 = seconds();
  for (long r = 0; r < reps; r++) {
    const float *pa = A, *pb = B;
    for (int j = 0; j < 64; j++, pa += 8, pb += 16) {
      __m128 x0 = _mm_load_ps(pa), x1 = _mm_load_ps(pa + 4);
      __m128 y0 = _mm_load_ps(pb), y1 = _mm_load_ps(pb + 4), y2 = _mm_load_ps(pb + 8), y3 = _mm_load_ps(pb + 12);
      if (fused)
        STEP(_mm_fmadd_ps);
      else
        STEP(MUL_ADD);
    }
    __asm__ volatile("" ::: "memory");
  }
  double t = seconds() - t0;
  float keep = s00[0] + s01[0] + s02[0] + s03[0] + s10[0] + s11[0] + s12[0] + s13[0];
  if (keep == 12345.f) puts("");  // keeps the sums alive
  return reps * 64.0 * 64 / t / 1e9;
}

int main(void) {
  for (int i = 0; i < 512; i++) A[i] = 1e-3f * i;
  for (int i = 0; i < 1024; i++) B[i] = 1e-3f * i;
  for (int round = 0; round < 3; round++)
    printf("128-bit multiply+add: %.1f GFLOP/s   128-bit fused multiply-add: %.1f GFLOP/s\n", run(0), run(1));
  return 0;
}
