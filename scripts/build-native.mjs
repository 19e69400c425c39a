// Builds the optional native product kernels (native/blas-kernels.c) into dist/native/blas-kernels.node
// with the system C compiler against the running Node's own headers. Optional: on a machine without a
// compiler or headers it says why and exits 0, and the engine keeps its WebAssembly kernels.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const source = path.join(root, "native/blas-kernels.c");
const out = path.join(root, "dist/native/blas-kernels.node");
const headers = [
  path.resolve(path.dirname(process.execPath), "../include/node"),
  path.join(root, "node_modules/node-api-headers/include"),
].find((dir) => existsSync(path.join(dir, "node_api.h")));

function skip(why) {
  console.log(`build:native skipped: ${why}; the engine uses its WebAssembly kernels`);
  process.exit(0);
}

if (process.platform !== "linux") skip(`not built on ${process.platform} (Linux only for now)`);
if (headers === undefined) skip("no node_api.h next to this Node");
const cc = process.env.CC ?? "cc";
mkdirSync(path.dirname(out), { recursive: true });
const args = ["-O2", "-Wall", "-shared", "-fPIC", `-I${headers}`, source, "-o", out, "-ldl"];
const run = spawnSync(cc, args, { stdio: ["ignore", "inherit", "inherit"] });
if (run.error !== undefined) skip(`no C compiler (${cc}: ${run.error.message})`);
if (run.status !== 0) skip(`${cc} exited with ${run.status}`);
console.log(`build:native: ${path.relative(root, out)}`);
