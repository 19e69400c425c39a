import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { nativeAddonPath } from "./native-blas.js";
import { instantiateKernels, wasmApi } from "./wasm-instance.js";
import { wasmKernelsPath } from "./wasm-kernels.js";
import { positional, positionalSplit } from "./wasm-signatures.js";
import { startKernelThread } from "./wasm-threads.js";

const root = path.resolve(import.meta.dirname, "../../..");
beforeAll(() => {
  if (!existsSync(wasmKernelsPath)) execFileSync("npm", ["run", "--silent", "build:wasm"], { cwd: root });
}, 120_000);

describe("the kernel worker", () => {
  it("starts from its TypeScript module and runs chunks of a job without changing a bit", async () => {
    const bytes = readFileSync(wasmKernelsPath);
    const memory = new wasmApi.Memory({ initial: 64, maximum: 32768, shared: true });
    const fns = instantiateKernels(bytes, memory);
    // Each thread's gemm pack buffer (128 KiB), then the operands.
    fns.setPackBuffer(65536);
    const threads = startKernelThread(bytes, memory, fns, 65536 + 131072, nativeAddonPath);
    await threads.ready;
    const [M, N, K] = [96, 80, 64];
    const heap = new Float32Array(memory.buffer);
    const a = 327680;
    const b = a + M * K * 4;
    const one = b + N * K * 4;
    const two = one + M * N * 4;
    for (let i = 0; i < (M + N) * K; i++) heap[a / 4 + i] = Math.sin(i);
    const args = (out: number) => ({ out, a, b, M, N, K, acc: 0 });
    fns.matmulNT(...positional("matmulNT", args(one)));
    const how = positionalSplit("matmulNT", { rows: "M", advance: { out: N * 4, a: K * 4 }, work: 1 << 22 });
    threads.split("matmulNT", positional("matmulNT", args(two)), M, how, 1 << 22);
    expect(heap.subarray(two / 4, two / 4 + M * N)).toEqual(heap.subarray(one / 4, one / 4 + M * N));
  });
});
