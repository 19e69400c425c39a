import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { BreakfixError } from "../../core/index.js";
import { type GgufFile, ggufValue, parseGguf } from "./gguf-reader.js";
import { GGML_TYPE_NAMES, type GgmlType, ggmlByteSize } from "./gguf-types.js";

/** Most header bytes read: real headers (metadata with a vocabulary, the tensor table) are a few MiB. */
const MAX_HEADER_BYTES = 64 * 1024 * 1024;

/**
 * Checks a GGUF file's header before it is handed to native code (llama.cpp), which trusts it: every count
 * and string length must fit in the file, and every tensor's data must lie inside it. Reads at most the
 * first 64 MiB, so a crafted or truncated file fails in milliseconds with one line instead of hanging or
 * allocating gigabytes. Throws DATA_INVALID naming the file.
 */
export function checkGgufFile(file: string): void {
  const fail = (message: string) =>
    new BreakfixError("DATA_INVALID", message, {
      location: { file },
      fix: "use a complete GGUF v2/v3 model file",
    });
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (err) {
    throw new BreakfixError("NOT_FOUND", `cannot open ${file}: ${(err as Error).message}`, {
      location: { file },
      fix: "check the path of the .gguf file",
    });
  }
  let size: number;
  let prefix: Uint8Array;
  try {
    size = fstatSync(fd).size;
    prefix = new Uint8Array(Math.min(size, MAX_HEADER_BYTES));
    readSync(fd, prefix, 0, prefix.length, 0);
  } finally {
    closeSync(fd);
  }
  let header: GgufFile;
  try {
    header = parseGguf(prefix, file);
  } catch (err) {
    const message = (err as Error).message;
    if (size > MAX_HEADER_BYTES && /end of file|cannot fit/.test(message)) {
      throw fail(`header is larger than ${MAX_HEADER_BYTES / 1024 / 1024} MiB or corrupt (${message})`);
    }
    throw fail(message);
  }
  // llama.cpp looks the model up by its architecture; without it node-llama-cpp fails with a TypeError.
  if (typeof ggufValue(header, "general.architecture") !== "string")
    throw fail("general.architecture is missing from the metadata");
  for (const t of header.tensors) {
    const start = header.dataOffset + t.offset;
    const count = t.dims.reduce((a, b) => a * b, 1);
    // Types this code cannot size (other quantisations) are checked for their start only.
    const bytes = t.type in GGML_TYPE_NAMES ? ggmlByteSize(t.type as GgmlType, count) : 1;
    if (!Number.isFinite(start + bytes) || start + bytes > size) {
      throw fail(`tensor ${t.name || "(unnamed)"} runs past the end of the file (${size} bytes)`);
    }
  }
}
