/**
 * Scratch: the demo's cycle config with JSON overrides merged in, written as a config file for `cycle run`
 * (the "what was tried" rows of src/cycle/README.md):
 *   npx tsx scripts/exp/variant-config.ts OUT.json '{"fixData":{"safetyShare":0.2}}' [seed]
 */
import { writeFileSync } from "node:fs";
import { demoConfig } from "../../src/cycle/demo-config.js";

type Json = Record<string, unknown>;
const merge = (a: Json, b: Json): Json => {
  const out: Json = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] =
      v && typeof v === "object" && !Array.isArray(v) && a[k] && typeof a[k] === "object"
        ? merge(a[k] as Json, v as Json)
        : v;
  }
  return out;
};
const [file, overrides, seed] = process.argv.slice(2) as [string, string, string | undefined];
const base = demoConfig({ seed: Number(seed ?? 1) }) as unknown as Json;
writeFileSync(file, JSON.stringify(merge(base, JSON.parse(overrides ?? "{}")), null, 1));
