import { readFileSync, writeFileSync } from "node:fs";

/**
 * Replaces the text between `<!-- name -->` and `<!-- /name -->` in `file` (figures a script regenerates).
 * The body's lines take the indentation of the start marker's line, so a block inside a list item stays in it.
 */
export function writeBlock(file: string, name: string, body: string): void {
  const text = readFileSync(file, "utf8");
  const start = `<!-- ${name} -->`;
  const end = `<!-- /${name} -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`${file}: no ${start} … ${end} block to replace`);
  const indent = text.slice(text.lastIndexOf("\n", a) + 1, a);
  const lines = body.split("\n").map((l) => (l === "" ? l : indent + l));
  writeFileSync(file, `${text.slice(0, a + start.length)}\n${lines.join("\n")}\n${indent}${text.slice(b)}`);
}
