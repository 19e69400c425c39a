import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** The repository root. */
export const repoRoot = path.resolve(import.meta.dirname, "../..");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith(".ts") && !p.endsWith(".test.ts") ? [p] : [];
  });
}

/** `file:line: text` of each line matching a pattern and holding none of the allowed snippets. */
export function strayLines(
  file: string,
  text: string,
  patterns: readonly RegExp[],
  allowed: readonly string[] = [],
): string[] {
  return text
    .split("\n")
    .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
    .filter(({ line }) => patterns.some((re) => re.test(line)) && !allowed.some((a) => line.includes(a)))
    .map(({ line, at }) => `${at}: ${line.trim()}`);
}

/** `strayLines` over every non-test source file under src/ except `exempt` (a path from the root). */
export function strayLinesInSrc(
  exempt: string,
  patterns: readonly RegExp[],
  allowed: readonly string[] = [],
): string[] {
  return walk(path.join(repoRoot, "src"))
    .map((f) => path.relative(repoRoot, f))
    .filter((f) => f !== exempt)
    .flatMap((f) => strayLines(f, readFileSync(path.join(repoRoot, f), "utf8"), patterns, allowed));
}
