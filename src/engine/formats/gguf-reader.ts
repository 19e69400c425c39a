import { BreakfixError } from "../../core/index.js";
import type { NamedTensor } from "../model/config.js";
import {
  GGML_TYPE_NAMES,
  GGUF_DEFAULT_ALIGNMENT,
  GGUF_MAGIC,
  GgmlType,
  type GgufScalarType,
  type GgufTensorInfo,
  type GgufValue,
  GgufValueType,
  ggmlByteSize,
} from "./gguf-types.js";
import { f16ArrayToF32 } from "./half.js";
import { dequantizeQ8_0 } from "./q8-0.js";

export interface GgufFile {
  version: number;
  metadata: Map<string, GgufValue>;
  tensors: GgufTensorInfo[];
  /** Byte offset of the data section in `bytes`. */
  dataOffset: number;
  bytes: Uint8Array;
  source: string;
}

class ByteReader {
  private readonly view: DataView;
  at = 0;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly fail: (message: string) => BreakfixError,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private need(n: number): number {
    if (this.at + n > this.bytes.length) throw this.fail(`unexpected end of file at byte ${this.at}`);
    const at = this.at;
    this.at += n;
    return at;
  }
  /** A count read from the file, refused when `count` items of at least `minBytes` each cannot fit. */
  count(minBytes: number, what: string): number {
    const n = this.u64();
    if (n * minBytes > this.bytes.length - this.at) {
      throw this.fail(`${what} count ${n} at byte ${this.at - 8} cannot fit in the file`);
    }
    return n;
  }
  u32 = () => this.view.getUint32(this.need(4), true);
  u64 = () => Number(this.view.getBigUint64(this.need(8), true));
  string = () => {
    const n = this.u64();
    const at = this.need(n);
    return new TextDecoder().decode(this.bytes.subarray(at, at + n));
  };
  scalar(type: number): number | boolean | string {
    const v = this.view;
    const T = GgufValueType;
    switch (type) {
      case T.UINT8:
        return v.getUint8(this.need(1));
      case T.INT8:
        return v.getInt8(this.need(1));
      case T.UINT16:
        return v.getUint16(this.need(2), true);
      case T.INT16:
        return v.getInt16(this.need(2), true);
      case T.UINT32:
        return v.getUint32(this.need(4), true);
      case T.INT32:
        return v.getInt32(this.need(4), true);
      case T.FLOAT32:
        return v.getFloat32(this.need(4), true);
      case T.BOOL:
        return v.getUint8(this.need(1)) !== 0;
      case T.STRING:
        return this.string();
      case T.UINT64:
        return this.u64();
      case T.INT64:
        return Number(v.getBigInt64(this.need(8), true));
      case T.FLOAT64:
        return v.getFloat64(this.need(8), true);
      default:
        throw this.fail(`unknown metadata value type ${type}`);
    }
  }
}

/** Parses a GGUF file's header, metadata and tensor table (tensor data is read on demand). */
export function parseGguf(bytes: Uint8Array, source = "model.gguf"): GgufFile {
  const fail = (message: string) =>
    new BreakfixError("DATA_INVALID", message, {
      location: { file: source },
      fix: "use a complete GGUF v2/v3 file",
    });
  const r = new ByteReader(bytes, fail);
  if (bytes.length < 4 || r.u32() !== GGUF_MAGIC) throw fail("not a GGUF file (bad magic)");
  const version = r.u32();
  if (version < 2 || version > 3) throw fail(`unsupported GGUF version ${version}`);
  // Counts are checked against the bytes left before anything is allocated for them: a crafted header that
  // claims 2^62 tensors must fail at once, not fill memory.
  const tensorCount = r.count(24, "tensor");
  const kvCount = r.count(13, "metadata");
  const metadata = new Map<string, GgufValue>();
  for (let i = 0; i < kvCount; i++) {
    const key = r.string();
    const type = r.u32();
    if (type === GgufValueType.ARRAY) {
      const itemType = r.u32() as GgufScalarType;
      const n = r.count(1, "array item");
      const value: Array<number | boolean | string> = [];
      for (let j = 0; j < n; j++) value.push(r.scalar(itemType));
      metadata.set(key, { type, itemType, value });
    } else metadata.set(key, { type: type as GgufScalarType, value: r.scalar(type) });
  }
  const tensors: GgufTensorInfo[] = [];
  for (let i = 0; i < tensorCount; i++) {
    const name = r.string();
    const nDims = r.u32();
    if (nDims > 8) throw fail(`tensor ${name} has ${nDims} dimensions (GGUF allows at most 4)`);
    const dims = Array.from({ length: nDims }, r.u64);
    tensors.push({ name, dims, type: r.u32(), offset: r.u64() });
  }
  const alignment = Number(metadata.get("general.alignment")?.value ?? GGUF_DEFAULT_ALIGNMENT);
  const dataOffset = Math.ceil(r.at / alignment) * alignment;
  return { version, metadata, tensors, dataOffset, bytes, source };
}

/** A metadata value, or undefined when the key is absent. */
export function ggufValue(file: GgufFile, key: string): GgufValue["value"] | undefined {
  return file.metadata.get(key)?.value;
}

/** Reads and dequantizes one tensor; the shape comes back in PyTorch order (dims reversed). */
export function readGgufTensor(file: GgufFile, name: string): NamedTensor & { type: number } {
  const info = file.tensors.find((t) => t.name === name);
  const fail = (message: string) =>
    new BreakfixError("DATA_INVALID", message, {
      location: { file: file.source, field: name },
      fix: "use a GGUF file with F32, F16 or Q8_0 tensors",
    });
  if (!info) throw fail(`no tensor named ${name}`);
  if (!(info.type in GGML_TYPE_NAMES)) throw fail(`tensor type ${info.type} is not supported`);
  const count = info.dims.reduce((a, b) => a * b, 1);
  const start = file.dataOffset + info.offset;
  const size = ggmlByteSize(info.type as GgmlType, count);
  if (start + size > file.bytes.length) throw fail("tensor data runs past the end of the file");
  const raw = new Uint8Array(file.bytes.subarray(start, start + size));
  const data =
    info.type === GgmlType.F32
      ? new Float32Array(raw.buffer)
      : info.type === GgmlType.F16
        ? f16ArrayToF32(new Uint16Array(raw.buffer))
        : dequantizeQ8_0(raw, count);
  return { name, shape: [...info.dims].reverse(), data, type: info.type };
}
