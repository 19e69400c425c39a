// Why the decontamination probes the meaning check misses are missed: coverage, precision and shared weight
// against the evaluation text each probe rewrites. Usage: npx tsx scripts/exp/decon-diag.ts
import path from "node:path";
import { collectEvalTexts } from "../../src/curate/eval-texts.js";
import { createMeaningIndex } from "../../src/curate/meaning-index.js";
import { framingOf, looksForeign, meaningTokens } from "../../src/curate/meaning-tokens.js";
import { PARAPHRASE_PROBES, TRANSLATION_PROBES } from "../../test/decontamination-probes.js";

const root = process.env.BREAKFIX_DATASETS ?? path.resolve(import.meta.dirname, "../../../shared/datasets");
const all = (await collectEvalTexts({ load: { root } })).texts;
const index = createMeaningIndex(
  all.map((t) => ({ tokens: meaningTokens(t.text), framing: framingOf(t.text) })),
);
const byId = new Map(all.map((t, i) => [t.id, i]));
const probes = [
  ...PARAPHRASE_PROBES.map((p) => ({ id: p.evalId, text: p.text, kind: p.split })),
  ...TRANSLATION_PROBES.map((p) => ({ id: `multijail-${p.row}-${p.language}`, text: p.text, kind: "tr" })),
];
const loose = { coverage: 0, precision: 0, score: 0, minShared: 0, exactShared: 0, distinctSubjects: false };
for (const p of probes) {
  const i = byId.get(p.id) as number;
  const doc = { tokens: meaningTokens(p.text), framing: framingOf(p.text) };
  const m = index.matches(doc, loose).find((x) => x.index === i);
  const strict = index.matches(
    doc,
    looksForeign(p.text) ? { coverage: 0.5, precision: 0.5, score: 0.55, distinctSubjects: false } : {},
  );
  if (strict.some((x) => x.index === i)) continue;
  console.log(
    `${p.kind} ${p.id} cov ${m?.coverage.toFixed(2)} prec ${m?.precision.toFixed(2)} | ${p.text}\n   eval: ${all[i]?.text.slice(0, 120)}\n   probe tokens: ${doc.tokens.join(" ")}\n   eval tokens:  ${meaningTokens(all[i]?.text ?? "").join(" ")}`,
  );
}
