#!/usr/bin/env node
import { processIo } from "./io.js";
import { runCli } from "./run.js";

// Ctrl-C (SIGINT) and SIGTERM (kill, docker stop, a CI timeout) both abort long work through the signal, so
// a run keeps what finished and is marked interrupted (exit 130); a second signal exits at once.
const controller = new AbortController();
for (const name of ["SIGINT", "SIGTERM"] as const) {
  process.once(name, () => {
    controller.abort(new Error(`interrupted (${name})`));
    process.once(name, () => process.exit(130));
  });
}

runCli(process.argv.slice(2), processIo(controller.signal)).then((code) => {
  process.exitCode = code;
});
