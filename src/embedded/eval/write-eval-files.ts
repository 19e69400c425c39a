import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildEvalSet, type EvalSet } from "./eval-set.js";

/**
 * Writes the held-out set as JSONL files for the bench harness: `capability.jsonl` ({id, prompt,
 * expected}, for `bench run capability --capability-file`), `harmful.jsonl` and `borderline.jsonl`.
 */
export function writeEvalFiles(dir: string, set: EvalSet): string[] {
  mkdirSync(dir, { recursive: true });
  const files: Array<[string, unknown[]]> = [
    [
      "capability.jsonl",
      set.capability.map((t) => ({ id: t.id, prompt: t.prompt, expected: t.expected, family: t.family })),
    ],
    ["harmful.jsonl", set.harmful.map((p) => ({ id: p.id, prompt: p.prompt, area: p.label }))],
    ["borderline.jsonl", set.borderline.map((p) => ({ id: p.id, prompt: p.prompt, kind: p.label }))],
  ];
  return files.map(([name, rows]) => {
    const file = path.join(dir, name);
    writeFileSync(file, rows.map((r) => `${JSON.stringify(r)}\n`).join(""));
    return file;
  });
}

/**
 * Writes the held-out set into `dir` and returns its capability task file: what `bench run capability`
 * measures an engine model with when no task file is given (the bench's general built-in tasks ask for
 * things the built-in model never learned, in formats it never saw).
 */
export function heldOutCapabilityFile(dir: string): string {
  writeEvalFiles(dir, buildEvalSet());
  return path.join(dir, "capability.jsonl");
}
