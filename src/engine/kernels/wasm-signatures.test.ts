import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { KERNEL_NAMES, positional, positionalSplit, type RowSplit, SIGNATURES } from "./wasm-signatures.js";

const assembly = path.resolve(import.meta.dirname, "../../../assembly");

/** `export function name(a: usize, n: i32, …)` in assembly/*.ts, as name → [parameter, type][]. */
function declared(): Map<string, [string, string][]> {
  const found = new Map<string, [string, string][]>();
  for (const file of readdirSync(assembly).filter((f) => f.endsWith(".ts"))) {
    const text = readFileSync(path.join(assembly, file), "utf8");
    for (const m of text.matchAll(/export function (\w+)\(([^)]*)\)/g)) {
      const params = m[2]!
        .split(",")
        .map((p) => p.trim())
        .filter((p) => p !== "")
        .map((p) => p.split(":").map((x) => x.trim()) as [string, string]);
      found.set(m[1]!, params);
    }
  }
  return found;
}

describe("kernel signatures", () => {
  it("name each kernel's parameters in the assembly's order, pointers (usize) before sizes", () => {
    const exports = declared();
    for (const name of KERNEL_NAMES) {
      // The native addon's products take the SIMD products' arguments.
      const source = name === "nativeMatmulNT" ? "matmulNT" : name === "nativeGemm" ? "gemm" : name;
      const params = exports.get(source);
      expect(params, source).toBeDefined();
      const { pointers, values } = SIGNATURES[name];
      expect(params!.map(([p]) => p)).toEqual([...pointers, ...values]);
      expect(params!.map(([, t]) => t === "usize")).toEqual(
        [...pointers, ...values].map((_, i) => i < pointers.length),
      );
    }
  });

  it("put named arguments in order and throw on a missing one", () => {
    expect(positional("scale", { x: 16, c: 32, n: 5 })).toEqual([16, 32, 5]);
    expect(() => positional("scale", { x: 16, c: 32 } as never)).toThrow(/argument n/);
  });

  it("turn a split into argument positions, and refuse one that names the wrong kind of argument", () => {
    const how: RowSplit<"matmulNT"> = { rows: "M", advance: { out: 40, a: 12 }, work: 1 };
    expect(positionalSplit("matmulNT", how)).toEqual({
      rowsArg: 3,
      advance: [
        [0, 40],
        [1, 12],
      ],
      align: 1,
    });
    // @ts-expect-error rows must be a size argument
    const byPointer: RowSplit<"matmulNT"> = { rows: "out", advance: {}, work: 1 };
    expect(() => positionalSplit("matmulNT", byPointer)).toThrow(/rows must name a size/);
    // @ts-expect-error only pointers advance
    const advancesSize: RowSplit<"matmulNT"> = { rows: "M", advance: { K: 4 }, work: 1 };
    expect(() => positionalSplit("matmulNT", advancesSize)).toThrow(/only pointer arguments advance/);
  });
});
