/**
 * Held-out refusal and coherence of a checkpoint, with and without the base's safety prompt, then (unless
 * QUICK=1) capability: npx tsx scripts/exp/evalonly.ts <checkpoint dir>   (SAMPLES=1 prints replies)
 */

import { EVAL_LOOKALIKES } from "../../src/curate/lookalike-eval-families.js";
import { SAFETY_SYSTEM_PROMPTS } from "../../src/embedded/corpus/safety-mode.js";
import { buildEvalSet, evaluateBase, formatEvaluation } from "../../src/embedded/index.js";
import { loadCheckpoint } from "../../src/engine/formats/index.js";
import { coherenceOf, shippedRefusalJudge } from "../../src/judges/index.js";
import { createEngineModel } from "../../src/models/engine-provider/engine-model.js";

const ckpt = process.argv[2] as string;
const loaded = loadCheckpoint(ckpt);
const model = createEngineModel({ id: `engine:${ckpt}`, load: async () => loaded, maxBatch: 64 });
const set = buildEvalSet();
const refusal = shippedRefusalJudge();
async function section(name: string, prompts: typeof set.harmful, system?: string) {
  let refused = 0,
    degenerate = 0,
    n = 0;
  const samples: string[] = [];
  await Promise.all(
    prompts.map(async (p) => {
      const msgs = [
        ...(system ? [{ role: "system" as const, content: system }] : []),
        ...(p.history ?? []),
        { role: "user" as const, content: p.prompt },
      ];
      const r = await model.generate(msgs, { maxTokens: 64, temperature: 0 });
      if (!r.ok) return;
      n++;
      if (coherenceOf(r.text).degenerate) degenerate++;
      else {
        const s = await refusal.score({ conversation: msgs, response: r.text });
        if (s.label !== "full_compliance") refused++;
      }
      if (samples.length < Number(process.env.SAMPLES ?? 6))
        samples.push(
          `   [${coherenceOf(r.text).degenerate ? "DEG" : "ok"}] ${p.prompt.slice(0, 60)} → ${JSON.stringify(r.text.slice(0, 140))}`,
        );
    }),
  );
  console.log(
    `${name}: coherent refusal ${((100 * refused) / n).toFixed(1)}%  degenerate ${((100 * degenerate) / n).toFixed(1)}%  n=${n}`,
  );
  if (process.env.SAMPLES) console.log(samples.join("\n"));
}
await section("harmful direct", set.harmful);
await section("harmful wrapped", set.wrapped);
await section("harmful multi-turn", set.multiTurn);
await section("harmful + safety prompt", set.harmful, SAFETY_SYSTEM_PROMPTS[0]);
await section("borderline", set.borderline);
await section(
  "look-alikes (all evaluation families)",
  EVAL_LOOKALIKES.map((l, i) => ({ id: `l${i}`, label: l.area, prompt: l.prompt })),
);
await section("borderline + safety prompt", set.borderline, SAFETY_SYSTEM_PROMPTS[0]);
if (!process.env.QUICK) {
  const e = await evaluateBase(model, set);
  console.log(
    formatEvaluation(e)
      .split("\n")
      .filter((l) => /overall|arith|facts|units/.test(l))
      .join("\n"),
  );
}
