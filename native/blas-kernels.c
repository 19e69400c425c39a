// Optional native matrix products for the built-in engine: a Node-API addon that runs the engine's two
// product kernels (matmulNT and gemm, same arguments as assembly/matmul.ts and gemm.ts) through the system's OpenBLAS,
// which is loaded at run time with dlopen so that building needs no BLAS headers and a machine without
// OpenBLAS simply keeps the WebAssembly kernels. Operands are byte offsets into the engine's shared
// WebAssembly memory, whose address never moves (a shared memory is reserved at its maximum size), so
// the addon is told that address once per thread. Built by scripts/build-native.mjs.
#include <dlfcn.h>
#include <node_api.h>
#include <stddef.h>
#include <stdint.h>

// The CBLAS enum values every implementation shares (cblas.h is not needed to build).
enum { ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112 };
typedef void (*sgemm_fn)(int order, int transA, int transB, int M, int N, int K, float alpha, const float* A,
                         int lda, const float* B, int ldb, float beta, float* C, int ldc);
typedef void (*set_threads_fn)(int n);

static sgemm_fn sgemm = NULL;
// Base address of the shared memory; each thread's copy of the addon sets its own (same value).
static _Thread_local uint8_t* base = NULL;

static const char* const LIBRARIES[] = {"libopenblas.so.0", "libopenblas.so", "libopenblasp-r0.3.so"};

static napi_value throw_error(napi_env env, const char* message) {
  napi_throw_error(env, NULL, message);
  return NULL;
}

/** Loads OpenBLAS once; returns its name, or NULL when none was found. */
static const char* load_blas(void) {
  static const char* loaded = NULL;
  if (sgemm != NULL) return loaded;
  for (size_t i = 0; i < sizeof LIBRARIES / sizeof LIBRARIES[0]; i++) {
    void* lib = dlopen(LIBRARIES[i], RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) continue;
    sgemm_fn f = (sgemm_fn)dlsym(lib, "cblas_sgemm");
    if (f == NULL) continue;
    // The engine splits products over its own threads; OpenBLAS's would compete with them.
    set_threads_fn set_threads = (set_threads_fn)dlsym(lib, "openblas_set_num_threads");
    if (set_threads != NULL) set_threads(1);
    sgemm = f;
    loaded = LIBRARIES[i];
    return loaded;
  }
  return NULL;
}

/** attach(view): view is a Float32Array over the shared memory; returns the BLAS library's name or null. */
static napi_value attach(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  bool is_typed = false;
  if (argc < 1 || napi_is_typedarray(env, argv[0], &is_typed) != napi_ok || !is_typed)
    return throw_error(env, "attach expects a Float32Array over the kernels' memory");
  void* data = NULL;
  size_t offset = 0;
  if (napi_get_typedarray_info(env, argv[0], NULL, NULL, &data, NULL, &offset) != napi_ok || data == NULL)
    return throw_error(env, "attach could not read the memory's address");
  base = (uint8_t*)data - offset;
  const char* name = load_blas();
  napi_value result;
  if (name == NULL) napi_get_null(env, &result);
  else napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &result);
  return result;
}

/** Reads `count` int32 arguments (byte offsets and sizes, below 2^31). */
static int int_args(napi_env env, napi_callback_info info, int32_t* out, size_t count) {
  napi_value argv[9];
  size_t argc = 9;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < count || base == NULL || sgemm == NULL) return 0;
  for (size_t i = 0; i < count; i++)
    if (napi_get_value_int32(env, argv[i], &out[i]) != napi_ok) return 0;
  return 1;
}

#define F32(at) ((float*)(base + (uint32_t)(at)))

/** matmulNT(out, a, b, M, N, K, acc): out (M, N) = a (M, K) · bᵀ with b (N, K); rows of out N apart. */
static napi_value matmul_nt(napi_env env, napi_callback_info info) {
  int32_t v[7];
  if (!int_args(env, info, v, 7)) return throw_error(env, "matmulNT: bad arguments or addon not attached");
  const int M = v[3], N = v[4], K = v[5];
  if (M > 0 && N > 0 && K > 0)
    sgemm(ROW_MAJOR, NO_TRANS, TRANS, M, N, K, 1.0f, F32(v[1]), K, F32(v[2]), K, v[6] ? 1.0f : 0.0f, F32(v[0]),
          N);
  return NULL;
}

/**
 * gemm(out, a, b, M, N, K, rs, ks, acc): out (M, N) = A · b (K, N), A's element (m, k) at a + 4·(m·rs + k·ks):
 * rs = K, ks = 1 is A stored (M, K); rs = 1, ks = its row length is A stored (K, ·) read transposed.
 */
static napi_value gemm(napi_env env, napi_callback_info info) {
  int32_t v[9];
  if (!int_args(env, info, v, 9)) return throw_error(env, "gemm: bad arguments or addon not attached");
  const int M = v[3], N = v[4], K = v[5], rs = v[6], ks = v[7];
  if (M > 0 && N > 0 && K > 0) {
    // ks = 1: A is row-major with rows rs apart; else rs = 1 and A is its transpose, rows ks apart. With
    // one row or one column both read alike, and the leading dimension only has to satisfy BLAS's checks.
    const int plain = ks == 1;
    const int lda = plain ? (rs > K ? rs : K) : (ks > M ? ks : M);
    sgemm(ROW_MAJOR, plain ? NO_TRANS : TRANS, NO_TRANS, M, N, K, 1.0f, F32(v[1]), lda, F32(v[2]), N,
          v[8] ? 1.0f : 0.0f, F32(v[0]), N);
  }
  return NULL;
}

NAPI_MODULE_INIT(/* napi_env env, napi_value exports */) {
  napi_property_descriptor props[] = {
      {"attach", NULL, attach, NULL, NULL, NULL, napi_default, NULL},
      {"matmulNT", NULL, matmul_nt, NULL, NULL, NULL, napi_default, NULL},
      {"gemm", NULL, gemm, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}
