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

/** One tensor's entry in a safetensors header: where its bytes lie in the data section. */
export interface SafetensorsEntry {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  begin: number;
  end: number;
}

/** Headers over 100 MB are refused (as the format's reference reader does): no real model needs one. */
export const MAX_SAFETENSORS_HEADER = 100_000_000;

const failure = (source: string, message: string, field?: string) =>
  new BreakfixError("DATA_INVALID", message, {
    location: { file: source, ...(field ? { field } : {}) },
    fix: "re-export the checkpoint; the file is truncated or not safetensors",
  });

/** The header length in the first 8 bytes, checked against the file's size before anything is read. */
export function safetensorsHeaderLength(first8: Uint8Array, fileLength: number, source: string): number {
  if (fileLength < 8)
    throw failure(source, `file is ${fileLength} bytes, shorter than the 8-byte header length`);
  const length = new DataView(first8.buffer, first8.byteOffset, 8).getBigUint64(0, true);
  if (length > BigInt(Math.min(MAX_SAFETENSORS_HEADER, fileLength - 8)))
    throw failure(source, `header length ${length} exceeds the file (${fileLength} bytes) or 100 MB`);
  return Number(length);
}

/**
 * Validates a safetensors JSON header against the data section's length: an object of tensors, each with
 * a known dtype, a shape of whole numbers and a byte range inside the data that matches shape × dtype.
 */
export function parseSafetensorsHeader(
  headerBytes: Uint8Array,
  dataLength: number,
  source: string,
): { entries: SafetensorsEntry[]; metadata: Record<string, string> } {
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(headerBytes));
  } catch (err) {
    throw failure(source, `header is not JSON (${(err as Error).message})`);
  }
  if (typeof header !== "object" || header === null || Array.isArray(header))
    throw failure(source, "header is not a JSON object of tensors");
  const metadata = (header as Record<string, unknown>).__metadata__ ?? {};
  if (
    typeof metadata !== "object" ||
    metadata === null ||
    Object.values(metadata).some((v) => typeof v !== "string")
  )
    throw failure(source, "__metadata__ must map names to strings", "__metadata__");
  const entries: SafetensorsEntry[] = [];
  for (const [name, info] of Object.entries(header)) {
    if (name === "__metadata__") continue;
    const { dtype, shape, data_offsets: range } = (info ?? {}) as Record<string, unknown>;
    if (typeof dtype !== "string" || !(dtype in BYTES))
      throw failure(
        source,
        `unsupported dtype ${String(dtype).slice(0, 20)} (F32, F16 and BF16 are read)`,
        name,
      );
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0))
      throw failure(
        source,
        `shape ${JSON.stringify(shape)?.slice(0, 60)} is not a list of whole numbers`,
        name,
      );
    const count = shape.reduce((a: number, b: number) => a * b, 1);
    const [begin, end] = Array.isArray(range) ? range : [];
    if (
      range === undefined ||
      (range as unknown[]).length !== 2 ||
      !Number.isSafeInteger(begin) ||
      !Number.isSafeInteger(end) ||
      !(begin >= 0 && end <= dataLength && end - begin === count * BYTES[dtype as SafetensorsDtype])
    ) {
      throw failure(
        source,
        `data_offsets ${JSON.stringify(range)?.slice(0, 60)} do not fit shape ${JSON.stringify(shape)} × ${dtype} in ${dataLength} data bytes`,
        name,
      );
    }
    entries.push({ name, dtype: dtype as SafetensorsDtype, shape, begin, end });
  }
  return { entries, metadata: metadata as Record<string, string> };
}

/** Parses a safetensors file; F16 and BF16 tensors are widened to Float32. `source` names it in errors. */
export function readSafetensors(bytes: Uint8Array, source = "model.safetensors"): SafetensorsFile {
  const headerLength = safetensorsHeaderLength(bytes.subarray(0, 8), bytes.length, source);
  const dataStart = 8 + headerLength;
  const { entries, metadata } = parseSafetensorsHeader(
    bytes.subarray(8, dataStart),
    bytes.length - dataStart,
    source,
  );
  const tensors: NamedTensor[] = [];
  const dtypes: Record<string, SafetensorsDtype> = {};
  for (const { name, dtype, shape, begin, end } of entries) {
    // Copy (Buffer#slice would not) so the typed array is aligned and owns exactly its bytes.
    const raw = new Uint8Array(bytes.subarray(dataStart + begin, dataStart + end));
    const data =
      dtype === "F32"
        ? new Float32Array(raw.buffer)
        : dtype === "F16"
          ? f16ArrayToF32(new Uint16Array(raw.buffer))
          : Float32Array.from(new Uint16Array(raw.buffer), bf16BitsToF32);
    tensors.push({ name, shape: [...shape], data });
    dtypes[name] = dtype;
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
