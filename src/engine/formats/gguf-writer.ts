import {
  GGUF_DEFAULT_ALIGNMENT,
  GGUF_MAGIC,
  GGUF_VERSION,
  GgmlType,
  type GgufScalarType,
  type GgufValue,
  GgufValueType,
} from "./gguf-types.js";
import { f32ArrayToF16 } from "./half.js";
import { quantizeQ8_0 } from "./q8-0.js";

/** A tensor to write: values in PyTorch (row-major) order, shape as PyTorch gives it, stored as `type`. */
export interface GgufTensorInput {
  name: string;
  shape: readonly number[];
  data: Float32Array;
  type: GgmlType;
}

/** A growable little-endian byte buffer. */
class ByteWriter {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number) {
    this.reserve(1);
    this.view.setUint8(this.length++, v);
  }
  i8(v: number) {
    this.reserve(1);
    this.view.setInt8(this.length++, v);
  }
  u16(v: number) {
    this.reserve(2);
    this.view.setUint16(this.length, v, true);
    this.length += 2;
  }
  i16(v: number) {
    this.reserve(2);
    this.view.setInt16(this.length, v, true);
    this.length += 2;
  }
  u32(v: number) {
    this.reserve(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }
  i32(v: number) {
    this.reserve(4);
    this.view.setInt32(this.length, v, true);
    this.length += 4;
  }
  f32(v: number) {
    this.reserve(4);
    this.view.setFloat32(this.length, v, true);
    this.length += 4;
  }
  f64(v: number) {
    this.reserve(8);
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
  }
  u64(v: number) {
    this.reserve(8);
    this.view.setBigUint64(this.length, BigInt(v), true);
    this.length += 8;
  }
  i64(v: number) {
    this.reserve(8);
    this.view.setBigInt64(this.length, BigInt(v), true);
    this.length += 8;
  }
  bytes(b: Uint8Array) {
    this.reserve(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  string(s: string) {
    const b = new TextEncoder().encode(s);
    this.u64(b.length);
    this.bytes(b);
  }
  padTo(alignment: number) {
    while (this.length % alignment !== 0) this.u8(0);
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

function writeScalar(w: ByteWriter, type: GgufScalarType, value: number | boolean | string): void {
  const T = GgufValueType;
  const n = value as number;
  if (type === T.STRING) w.string(value as string);
  else if (type === T.BOOL) w.u8(value ? 1 : 0);
  else if (type === T.UINT8) w.u8(n);
  else if (type === T.INT8) w.i8(n);
  else if (type === T.UINT16) w.u16(n);
  else if (type === T.INT16) w.i16(n);
  else if (type === T.UINT32) w.u32(n);
  else if (type === T.INT32) w.i32(n);
  else if (type === T.FLOAT32) w.f32(n);
  else if (type === T.UINT64) w.u64(n);
  else if (type === T.INT64) w.i64(n);
  else w.f64(n);
}

/** The tensor's bytes in its storage type (values keep PyTorch's row-major order; ggml's is the same). */
export function encodeTensorData(t: GgufTensorInput): Uint8Array {
  if (t.type === GgmlType.Q8_0) return quantizeQ8_0(t.data);
  const data = t.type === GgmlType.F16 ? f32ArrayToF16(t.data) : t.data;
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Serialises a GGUF v3 file: header, metadata key/values, tensor infos (dims reversed to ggml order),
 * then tensor data, each tensor starting on `alignment` bytes (the `general.alignment` default, 32).
 */
export function encodeGguf(
  metadata: ReadonlyMap<string, GgufValue>,
  tensors: readonly GgufTensorInput[],
): Uint8Array {
  const w = new ByteWriter();
  w.u32(GGUF_MAGIC);
  w.u32(GGUF_VERSION);
  w.u64(tensors.length);
  w.u64(metadata.size);
  for (const [key, v] of metadata) {
    w.string(key);
    w.u32(v.type);
    if (v.type === GgufValueType.ARRAY) {
      w.u32(v.itemType);
      w.u64(v.value.length);
      for (const item of v.value) writeScalar(w, v.itemType, item);
    } else writeScalar(w, v.type, v.value);
  }
  const payloads = tensors.map(encodeTensorData);
  let offset = 0;
  tensors.forEach((t, i) => {
    w.string(t.name);
    w.u32(t.shape.length);
    for (const d of [...t.shape].reverse()) w.u64(d);
    w.u32(t.type);
    w.u64(offset);
    offset += Math.ceil((payloads[i] as Uint8Array).length / GGUF_DEFAULT_ALIGNMENT) * GGUF_DEFAULT_ALIGNMENT;
  });
  w.padTo(GGUF_DEFAULT_ALIGNMENT);
  for (const p of payloads) {
    w.bytes(p);
    w.padTo(GGUF_DEFAULT_ALIGNMENT);
  }
  return w.result();
}
