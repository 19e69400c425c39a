import path from "node:path";
import { createSuiteRegistry, type SuiteRegistry } from "../../bench/index.js";
import { buildEvalSet, writeEvalFiles } from "../../embedded/index.js";
import type { ModelRef } from "../../models/index.js";
import { heldoutRefusalSuite } from "./heldout-refusal-suite.js";
import { lookalikeBenignSuite } from "./lookalike-benign-suite.js";

/**
 * Every bench suite plus the cycle's offline ones: held-out refusal on the built-in model's evaluation set,
 * and benign look-alikes (their choice is seeded by the cycle). Takes the cycle config (or its two fields).
 */
export function cycleSuiteRegistry(config: {
  seed: number;
  fixData: { lookalikesPerArea: number };
}): SuiteRegistry {
  const registry = createSuiteRegistry();
  registry.register(heldoutRefusalSuite);
  registry.register(lookalikeBenignSuite({ seed: config.seed, perArea: config.fixData.lookalikesPerArea }));
  return registry;
}

/**
 * The capability task file a cycle measures with: the configured one, else for an engine model the
 * built-in model's held-out task set (written once into the cycle folder), else the bench's built-in tasks.
 */
export function capabilityFileFor(
  model: ModelRef,
  configured: string | undefined,
  outDir: string,
  cwd: string,
): string | undefined {
  if (configured) return path.resolve(cwd, configured);
  if (model.kind !== "engine") return undefined;
  const dir = path.join(outDir, "eval");
  writeEvalFiles(dir, buildEvalSet());
  return path.join(dir, "capability.jsonl");
}
