#!/usr/bin/env node
import { processIo } from "./io.js";
import { runCli } from "./run.js";

// Ctrl-C aborts long work through the signal; a second Ctrl-C exits at once.
const controller = new AbortController();
process.once("SIGINT", () => {
  controller.abort(new Error("interrupted (SIGINT)"));
  process.once("SIGINT", () => process.exit(130));
});

runCli(process.argv.slice(2), processIo(controller.signal)).then((code) => {
  process.exitCode = code;
});
