import { readFileSync, writeFileSync } from "node:fs";

/** Replaces the text between `<!-- name -->` and `<!-- /name -->` in `file` (figures a script regenerates). */
export function writeBlock(file: string, name: string, body: string): void {
  const text = readFileSync(file, "utf8");
  const start = `<!-- ${name} -->`;
  const end = `<!-- /${name} -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`${file}: no ${start} … ${end} block to replace`);
  writeFileSync(file, `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`);
}
