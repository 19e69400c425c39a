import { BreakfixError } from "../../core/index.js";
import type { NamedTensor } from "../model/config.js";
import { bf16BitsToF32, f16ArrayToF32, f32ArrayToF16 } from "./half.js";

export type SafetensorsDtype = "F32" | "F16" | "BF16";

const BYTES: Record<SafetensorsDtype, number> = { F32: 4, F16: 2, BF16: 2 };

export interface SafetensorsFile {
  tensors: NamedTensor[];
  /** The `__metadata__` string map (empty when absent). */
  metadata: Record<string, string>;
  /** Storage dtype of each tensor, by name. */
  dtypes: Record<string, SafetensorsDtype>;
}

/**
 * Writes the safetensors format: an 8-byte little-endian header length, a JSON header (padded with
 * spaces so tensor data starts 8-byte aligned) mapping names to dtype/shape/byte range, then raw
 * little-endian data. `dtype` is the storage type; values are Float32 in memory.
 */
export function writeSafetensors(
  tensors: readonly NamedTensor[],
  options: { dtype?: "F32" | "F16"; metadata?: Record<string, string> } = {},
): Uint8Array {
  const dtype = options.dtype ?? "F32";
  const header: Record<string, unknown> = {};
  if (options.metadata && Object.keys(options.metadata).length > 0) header.__metadata__ = options.metadata;
  const payloads: Uint8Array[] = [];
  let offset = 0;
  for (const t of tensors) {
    checkShape(t);
    const data = dtype === "F16" ? f32ArrayToF16(t.data) : t.data;
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    header[t.name] = { dtype, shape: t.shape, data_offsets: [offset, offset + bytes.length] };
    payloads.push(bytes);
    offset += bytes.length;
  }
  let json = JSON.stringify(header);
  const utf8 = new TextEncoder();
  while (utf8.encode(json).length % 8 !== 0) json += " ";
  const headerBytes = utf8.encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const p of payloads) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Parses a safetensors file; F16 and BF16 tensors are widened to Float32. `source` names it in errors. */
export function readSafetensors(bytes: Uint8Array, source = "model.safetensors"): SafetensorsFile {
  const fail = (message: string, field?: string) =>
    new BreakfixError("DATA_INVALID", message, {
      location: { file: source, ...(field ? { field } : {}) },
      fix: "re-export the checkpoint; the file is truncated or not safetensors",
    });
  if (bytes.length < 8) throw fail("file is shorter than the 8-byte header length");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (8 + headerLength > bytes.length) throw fail(`header length ${headerLength} exceeds the file`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch (err) {
    throw fail(`header is not JSON (${(err as Error).message})`);
  }
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const metadata = (header.__metadata__ ?? {}) as Record<string, string>;
  const tensors: NamedTensor[] = [];
  const dtypes: Record<string, SafetensorsDtype> = {};
  for (const [name, info] of Object.entries(header)) {
    if (name === "__metadata__") continue;
    const {
      dtype,
      shape,
      data_offsets: range,
    } = info as { dtype: string; shape: number[]; data_offsets: number[] };
    if (!(dtype in BYTES)) throw fail(`unsupported dtype ${dtype} (F32, F16 and BF16 are read)`, name);
    const size = BYTES[dtype as SafetensorsDtype];
    const count = Array.isArray(shape) ? shape.reduce((a, b) => a * b, 1) : Number.NaN;
    const [begin, end] = Array.isArray(range) ? range : [];
    if (
      begin === undefined ||
      end === undefined ||
      !(begin >= 0 && end <= dataLength && end - begin === count * size)
    ) {
      throw fail(
        `data_offsets ${JSON.stringify(range)} do not fit shape ${JSON.stringify(shape)} × ${dtype}`,
        name,
      );
    }
    // Copy (Buffer#slice would not) so the typed array is aligned and owns exactly its bytes.
    const raw = new Uint8Array(bytes.subarray(dataStart + begin, dataStart + end));
    const data =
      dtype === "F32"
        ? new Float32Array(raw.buffer)
        : dtype === "F16"
          ? f16ArrayToF32(new Uint16Array(raw.buffer))
          : Float32Array.from(new Uint16Array(raw.buffer), bf16BitsToF32);
    tensors.push({ name, shape: [...shape], data });
    dtypes[name] = dtype as SafetensorsDtype;
  }
  return { tensors, metadata, dtypes };
}

function checkShape(t: NamedTensor): void {
  const count = t.shape.reduce((a, b) => a * b, 1);
  if (count !== t.data.length) {
    throw new BreakfixError(
      "INTERNAL",
      `Tensor ${t.name} has shape [${t.shape}] but ${t.data.length} values`,
    );
  }
}
