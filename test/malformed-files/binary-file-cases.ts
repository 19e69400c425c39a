import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildGguf, encodeGguf, loadCheckpoint } from "../../src/engine/formats/index.js";
import type { BadInput } from "./bad-input.js";

/** The GGUF header fields after the magic: version (u32), tensor count and metadata count (u64). */
function ggufHeader(version: number, tensors: bigint, kvs: bigint, rest: number[] = []): Buffer {
  const b = Buffer.alloc(24);
  b.write("GGUF");
  b.writeUInt32LE(version, 4);
  b.writeBigUInt64LE(tensors, 8);
  b.writeBigUInt64LE(kvs, 16);
  return Buffer.concat([b, Buffer.from(rest), Buffer.alloc(64)]);
}
const u64 = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return [...b];
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return [...b];
};
const key = (k: string) => [...u64(BigInt(k.length)), ...Buffer.from(k)];

function ggufCase(name: string, bytes: (dir: string) => Uint8Array | string, names: string): BadInput {
  return {
    name: `gguf/${name}`,
    setup(dir) {
      const file = path.join(dir, `${name}.gguf`);
      writeFileSync(file, bytes(dir));
      return { argv: ["models", "check", `gguf:${file}`], names };
    },
  };
}
const exported = (dir: string) => {
  const { metadata, tensors } = buildGguf(loadCheckpoint(path.join(dir, "good")), { dtype: "F32" });
  return encodeGguf(metadata, tensors);
};

export const GGUF_CASES: BadInput[] = [
  ggufCase("empty", () => "", "bad magic"),
  ggufCase("three-bytes", () => "GGU", "bad magic"),
  ggufCase("text", () => "this is a text file, not a model\n", "bad magic"),
  ggufCase("escape-junk", () => "\u001b]0;PWNED\u0007\u001b[2J", "bad magic"),
  ggufCase("version-1", () => ggufHeader(1, 0n, 0n), "unsupported GGUF version 1"),
  ggufCase("version-99", () => ggufHeader(99, 0n, 0n), "unsupported GGUF version 99"),
  ggufCase("tensor-count-2e62", () => ggufHeader(3, 2n ** 62n, 0n), "tensor count"),
  ggufCase("kv-count-2e40", () => ggufHeader(3, 0n, 2n ** 40n), "metadata count"),
  ggufCase("header-cut", () => ggufHeader(3, 0n, 0n).subarray(0, 12), "end of file"),
  ggufCase("key-length-huge", () => ggufHeader(3, 0n, 1n, u64(2n ** 60n)), "end of file"),
  ggufCase(
    "unknown-value-type",
    () => ggufHeader(3, 0n, 1n, [...key("a"), ...u32(99)]),
    "unknown metadata value type",
  ),
  ggufCase(
    "array-count-huge",
    () => ggufHeader(3, 0n, 1n, [...key("a"), ...u32(9), ...u32(4), ...u64(2n ** 50n)]),
    "cannot fit",
  ),
  ggufCase("no-architecture", () => ggufHeader(3, 0n, 0n), "general.architecture"),
  ggufCase("metadata-cut", (dir) => exported(dir).subarray(0, 4000), "end of file"),
  ggufCase(
    "tensor-past-end",
    (dir) => exported(dir).subarray(0, exported(dir).length - 64),
    "runs past the end",
  ),
  ggufCase("truncated-to-header", (dir) => exported(dir).subarray(0, 200), "gguf"),
  {
    name: "gguf/a-folder",
    setup(dir) {
      const folder = path.join(dir, "folder.gguf");
      mkdirSync(folder, { recursive: true });
      return { argv: ["models", "check", `gguf:${folder}`], names: "not a file" };
    },
  },
];

function dbCase(name: string, bytes: string | Buffer | null, names = `${name}.db`): BadInput {
  return {
    name: `db/${name}`,
    setup(dir) {
      const file = path.join(dir, `${name}.db`);
      if (bytes === null) mkdirSync(file, { recursive: true });
      else writeFileSync(file, bytes);
      return { argv: ["--db", file, "cycle", "list"], names };
    },
  };
}
const sqliteHeaderThenJunk = () => {
  const b = Buffer.alloc(8192, 0xa5);
  b.write("SQLite format 3\0");
  return b;
};

export const DATABASE_CASES: BadInput[] = [
  dbCase("text", "notes, not a database\n".repeat(100)),
  dbCase("escape-junk", "\u001b]0;PWNED\u0007".repeat(300)),
  dbCase("binary", Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))),
  dbCase("zeros", Buffer.alloc(4096)),
  dbCase("sqlite-header-then-junk", sqliteHeaderThenJunk()),
  dbCase("sqlite-header-only", Buffer.from("SQLite format 3\0")),
  dbCase("gzip", Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, ...Buffer.alloc(200, 7)])),
  dbCase("a-folder", null, "a-folder.db"),
];
