/**
 * Rebuilds the embedded base model from a clean state into a fresh folder and evaluates it on the held-out
 * set, printing build time and the evaluation figures — the check that a rebuild reproduces the shipped
 * model's figures (and, with the default recipe, its exact weights: compare the sha256 with
 * checkpoints/base/build.json).
 *
 *   npx tsx perf/embedded-base.ts [--steps N] [--out DIR]
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  BASE_RECIPE,
  buildBase,
  buildEvalSet,
  evaluateBase,
  formatEvaluation,
} from "../src/embedded/index.js";
import { createModelResolver } from "../src/models/index.js";

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const steps = Number(arg("steps") ?? BASE_RECIPE.steps);
const out = arg("out") ?? mkdtempSync(path.join(tmpdir(), "embedded-base-"));

const started = performance.now();
const report = buildBase({ ...BASE_RECIPE, steps }, out, {
  start() {},
  advance() {},
  note: (m) => console.error(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${m}`),
  finish() {},
});
console.log(
  `build: ${report.seconds} s, ${report.params} params, loss ${report.firstLoss.toFixed(3)} → ${report.tailLoss.toFixed(3)}, sha256 ${report.weightsSha256}`,
);
const model = createModelResolver({ providers: {}, cacheDir: path.join(out, "cache"), cache: false }).resolve(
  `engine:${out}`,
);
const evalStarted = performance.now();
const evaluation = await evaluateBase(model, buildEvalSet());
console.log(formatEvaluation(evaluation));
console.log(`evaluation: ${((performance.now() - evalStarted) / 1000).toFixed(1)} s; checkpoint in ${out}`);
