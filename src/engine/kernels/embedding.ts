import type { Buf } from "./buffer.js";

/** out (N, C) = table[ids[n]] for a table (V, C). */
export function embeddingForward(out: Buf, table: Buf, ids: Int32Array, C: number): void {
  for (let n = 0; n < ids.length; n++) {
    const row = ids[n]! * C;
    out.set(table.subarray(row, row + C), n * C);
  }
}

/** dTable (V, C) += scatter of dOut (N, C) onto the rows named by ids (repeated ids add up). */
export function embeddingBackward(dTable: Buf, dOut: Buf, ids: Int32Array, C: number): void {
  for (let n = 0; n < ids.length; n++) {
    const row = ids[n]! * C;
    const src = n * C;
    for (let c = 0; c < C; c++) dTable[row + c] = dTable[row + c]! + dOut[src + c]!;
  }
}
