#!/usr/bin/env node
// Runs the compiled CLI (built by `npm ci` through the `prepare` script, or `npm run build`).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
if (!existsSync(main)) {
  process.stderr.write(
    "breakfix: the CLI is not built. Fix: run `npm run build` (or `npm ci`) in the breakfix folder.\n",
  );
  process.exit(2);
}
await import(main);
