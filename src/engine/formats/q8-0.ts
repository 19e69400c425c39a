import { BreakfixError } from "../../core/index.js";
import { Q8_0_BLOCK, Q8_0_BLOCK_BYTES } from "./gguf-types.js";
import { f16BitsToF32, f32ToF16Bits } from "./half.js";

/** C's roundf: halves round away from zero. */
const roundf = (x: number) => (x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5));

/**
 * Q8_0 quantization as llama.cpp's reference quantizer does it, in float32 arithmetic so the bytes match:
 * per block of 32, d = max|x| / 127, q = roundf(x / d), with d stored as f16.
 */
export function quantizeQ8_0(values: Float32Array): Uint8Array {
  if (values.length % Q8_0_BLOCK !== 0) {
    throw new BreakfixError(
      "INTERNAL",
      `Q8_0 needs a multiple of ${Q8_0_BLOCK} values, got ${values.length}`,
    );
  }
  const blocks = values.length / Q8_0_BLOCK;
  const out = new Uint8Array(blocks * Q8_0_BLOCK_BYTES);
  const view = new DataView(out.buffer);
  for (let b = 0; b < blocks; b++) {
    const base = b * Q8_0_BLOCK;
    let amax = 0;
    for (let j = 0; j < Q8_0_BLOCK; j++) amax = Math.max(amax, Math.abs(values[base + j] as number));
    const d = Math.fround(amax / 127);
    const id = d === 0 ? 0 : Math.fround(1 / d);
    const at = b * Q8_0_BLOCK_BYTES;
    view.setUint16(at, f32ToF16Bits(d), true);
    for (let j = 0; j < Q8_0_BLOCK; j++) {
      view.setInt8(at + 2 + j, roundf(Math.fround((values[base + j] as number) * id)));
    }
  }
  return out;
}

export function dequantizeQ8_0(bytes: Uint8Array, count: number): Float32Array {
  const out = new Float32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let b = 0; b < count / Q8_0_BLOCK; b++) {
    const at = b * Q8_0_BLOCK_BYTES;
    const d = f16BitsToF32(view.getUint16(at, true));
    for (let j = 0; j < Q8_0_BLOCK; j++) out[b * Q8_0_BLOCK + j] = Math.fround(view.getInt8(at + 2 + j) * d);
  }
  return out;
}
