// A proxy for false removals in languages the clean fix data lacks: each MultiJail prompt checked against the
// evaluation texts; a match to another MultiJail row (another prompt) is a false match. Usage:
// npx tsx scripts/exp/decon-crossrow.ts [languages, default zh,ko,th,it,vi,bn]
import path from "node:path";
import { createDecontaminator } from "../../src/curate/decontaminate.js";
import { collectEvalTexts } from "../../src/curate/eval-texts.js";

const root = process.env.BREAKFIX_DATASETS ?? path.resolve(import.meta.dirname, "../../../shared/datasets");
const all = (await collectEvalTexts({ load: { root } })).texts;
const langs = (process.argv[2] ?? "zh,ko,th,it,vi,bn").split(",");
// One index of every evaluation text, as curation builds it; a prompt's own row (in any language) is not a
// false match.
const checker = createDecontaminator(all);
for (const lang of langs) {
  const mine = all.filter((t) => new RegExp(`^multijail-\\d+-${lang}$`).test(t.id));
  let falseN = 0;
  const examples: string[] = [];
  for (const t of mine) {
    const row = t.id.split("-")[1];
    const hits = checker
      .check(t.text)
      .filter((m) => !m.id.startsWith("multijail-") || m.id.split("-")[1] !== row);
    if (hits.length > 0) {
      falseN++;
      if (examples.length < Number(process.env.SHOW ?? 3)) examples.push(`${t.text} ~ ${hits[0]?.excerpt}`);
    }
  }
  console.log(`${lang}: ${falseN}/${mine.length} prompts match another row`);
  for (const e of examples) console.log(`   ${e}`);
}
