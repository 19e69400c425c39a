import path from "node:path";
import { collectEvalTexts } from "../../src/curate/eval-texts.js";

const root = process.env.BREAKFIX_DATASETS ?? path.resolve(import.meta.dirname, "../../../shared/datasets");
const all = (await collectEvalTexts({ load: { root } })).texts;
const pick = (prefix: string, start: number, every: number) =>
  all.filter((t) => t.id.startsWith(prefix)).filter((_, i) => i >= start && (i - start) % every === 0);
const sel = [
  ...pick("xstest-", 11, 18),
  ...pick("harmbench-", 14, 25).filter((t) => t.text.length < 200),
  ...pick("jbb-harmful-", 9, 13),
];
for (const t of sel) console.log(`${t.id}\t${t.text.replace(/\n/g, " ").slice(0, 200)}`);
const mj = all.filter((t) => /^multijail-\d+-(zh|it)$/.test(t.id));
for (const t of mj.filter((_, i) => i % 37 === 5)) console.log(`${t.id}\t${t.text}`);
