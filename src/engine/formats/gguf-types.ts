/** GGUF v3 building blocks (the llama.cpp model file format): metadata value types and tensor types. */
export const GGUF_MAGIC = 0x46554747; // "GGUF" read as a little-endian u32
export const GGUF_VERSION = 3;
export const GGUF_DEFAULT_ALIGNMENT = 32;

export const GgufValueType = {
  UINT8: 0,
  INT8: 1,
  UINT16: 2,
  INT16: 3,
  UINT32: 4,
  INT32: 5,
  FLOAT32: 6,
  BOOL: 7,
  STRING: 8,
  ARRAY: 9,
  UINT64: 10,
  INT64: 11,
  FLOAT64: 12,
} as const;
export type GgufValueType = (typeof GgufValueType)[keyof typeof GgufValueType];

export type GgufScalarType = Exclude<GgufValueType, typeof GgufValueType.ARRAY>;

/** A metadata value with its GGUF type. 64-bit integers are numbers (exact up to 2^53). */
export type GgufValue =
  | { type: GgufScalarType; value: number | boolean | string }
  | { type: typeof GgufValueType.ARRAY; itemType: GgufScalarType; value: Array<number | boolean | string> };

/** ggml tensor types this code writes and reads. */
export const GgmlType = { F32: 0, F16: 1, Q8_0: 8 } as const;
export type GgmlType = (typeof GgmlType)[keyof typeof GgmlType];

export const GGML_TYPE_NAMES: Record<GgmlType, string> = { 0: "F32", 1: "F16", 8: "Q8_0" };

/** Q8_0: blocks of 32 values stored as one f16 scale followed by 32 int8. */
export const Q8_0_BLOCK = 32;
export const Q8_0_BLOCK_BYTES = 2 + Q8_0_BLOCK;

/** Bytes of a tensor of `count` values in `type` (count must fill whole blocks for Q8_0). */
export function ggmlByteSize(type: GgmlType, count: number): number {
  if (type === GgmlType.F32) return count * 4;
  if (type === GgmlType.F16) return count * 2;
  return (count / Q8_0_BLOCK) * Q8_0_BLOCK_BYTES;
}

/** A tensor as GGUF describes it: `dims[0]` is the row length (ggml's ne0), the reverse of PyTorch's shape. */
export interface GgufTensorInfo {
  name: string;
  dims: number[];
  /** ggml type number; files from elsewhere may use types this code cannot dequantize. */
  type: number;
  /** Byte offset within the data section. */
  offset: number;
}
