/**
 * Scratch harness behind the "what was tried" table of src/cycle/README.md: SFT (and optionally DPO) from a
 * checkpoint on a round's fix data (filtered by kind, optionally re-written by the base itself under its
 * safety prompt with --distill, optionally with extra corpus replay), then the held-out evaluation.
 *   npx tsx scripts/exp/recipe.ts --data=<round-1/data> --out=DIR [--base=DIR] [--lr=2e-4] [--steps=200]
 *     [--kinds=fix,lookalike,helpfulness] [--replay=N] [--distill=1] [--dpo=1]
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Message, silentProgress } from "../../src/core/index.js";
import { buildEvalSet, evaluateBase, formatEvaluation, generateCorpus } from "../../src/embedded/index.js";
import { loadCheckpoint } from "../../src/engine/formats/index.js";
import { createEngineModel } from "../../src/models/engine-provider/engine-model.js";
import { runEngineTraining } from "../../src/train/index.js";

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k, v ?? "1"];
  }),
);
const dataDir = args.data as string;
const out = args.out as string;
mkdirSync(out, { recursive: true });
const kinds = new Set((args.kinds ?? "fix,lookalike,helpfulness").split(","));
const rows = readFileSync(path.join(dataDir, "sft.train.jsonl"), "utf8").trim().split("\n");
const prov = readFileSync(path.join(dataDir, "sft.train.provenance.jsonl"), "utf8").trim().split("\n");
const sft: string[] = [];
rows.forEach((r, i) => {
  if (kinds.has(JSON.parse(prov[i] as string).kind)) sft.push(r);
});
if (args.distill) {
  const { loadCheckpoint: lc } = await import("../../src/engine/formats/index.js");
  const { createEngineModel: cem } = await import("../../src/models/engine-provider/engine-model.js");
  const { coherenceOf, shippedRefusalJudge } = await import("../../src/judges/index.js");
  const { SAFETY_SYSTEM_PROMPTS } = await import("../../src/embedded/corpus/safety-mode.js");
  const b = lc(args.base ?? "checkpoints/base");
  const m = cem({ id: "t", load: async () => b, maxBatch: 64 });
  const judge = shippedRefusalJudge();
  let kept = 0,
    fell = 0;
  const out2 = await Promise.all(
    sft.map(async (line, i) => {
      const row = JSON.parse(line);
      const kind = JSON.parse(prov[rows.indexOf(line)] as string).kind;
      if (kind === "helpfulness") return line;
      const conv: Message[] = row.messages
        .slice(0, -1)
        .map((x: Message) => ({ role: x.role, content: x.content }));
      const sys: Message[] =
        kind === "fix" ? [{ role: "system", content: SAFETY_SYSTEM_PROMPTS[0] as string }] : [];
      for (let t = 0; t < 4; t++) {
        const r = await m.generate([...sys, ...conv], {
          maxTokens: 64,
          temperature: t === 0 ? 0 : 0.7,
          seed: i * 10 + t,
        });
        if (!r.ok || coherenceOf(r.text).degenerate) continue;
        const s = await judge.score({ conversation: conv, response: r.text });
        const want = kind === "fix" ? s.label !== "full_compliance" : s.label === "full_compliance";
        if (!want) continue;
        kept++;
        row.messages[row.messages.length - 1].content = r.text;
        return JSON.stringify(row);
      }
      fell++;
      return args.distill === "drop" ? undefined : line;
    }),
  );
  sft.length = 0;
  for (const l of out2) if (l) sft.push(l);
  console.log(`distilled ${kept}, fell back ${fell}`);
}
const replay = Number(args.replay ?? 0);
if (replay > 0) {
  for (const c of generateCorpus({ seed: 777, conversations: replay })) {
    if (c.categories.some((k) => k === "harmful")) continue;
    sft.push(JSON.stringify({ messages: c.messages }));
  }
}
const sftFile = path.join(out, "sft.jsonl");
writeFileSync(sftFile, `${sft.join("\n")}\n`);
console.log(`sft rows ${sft.length}`);
const base = args.base ?? "checkpoints/base";
const t0 = Date.now();
const r = runEngineTraining(
  {
    method: "sft",
    checkpointDir: base,
    dataFile: sftFile,
    format: "auto",
    outDir: path.join(out, "sft"),
    steps: Number(args.steps ?? 120),
    batchSize: Number(args.bs ?? 8),
    learningRate: Number(args.lr ?? 5e-4),
    seed: 1,
    validationFraction: 0.1,
    evalEvery: Number(args.evalEvery ?? 1e9),
    patience: Number(args.patience ?? 0),
    beta: 0.1,
    loss: "sigmoid",
    sftWeight: 0.2,
    resume: false,
  },
  { progress: silentProgress },
);
console.log(`sft ${(Date.now() - t0) / 1000}s`, r.metrics);
let ckpt = path.join(out, "sft");
if (args.dpo) {
  const d = runEngineTraining(
    {
      method: "dpo",
      checkpointDir: ckpt,
      dataFile: path.join(dataDir, "dpo.train.openai-dpo.jsonl"),
      format: "auto",
      outDir: path.join(out, "dpo"),
      steps: Number(args.dpoSteps ?? 30),
      batchSize: 4,
      learningRate: Number(args.dpoLr ?? 1e-4),
      seed: 1,
      validationFraction: 0.05,
      evalEvery: 1e9,
      patience: 0,
      beta: Number(args.beta ?? 0.1),
      loss: "sigmoid",
      sftWeight: Number(args.sftWeight ?? 0.2),
      resume: false,
    },
    { progress: silentProgress },
  );
  console.log("dpo", d.metrics);
  ckpt = path.join(out, "dpo");
}
const loaded = loadCheckpoint(ckpt);
const model = createEngineModel({ id: `engine:${ckpt}`, load: async () => loaded, maxBatch: 64 });
const e = await evaluateBase(model, buildEvalSet());
console.log(formatEvaluation(e));
for (const x of e.examples)
  console.log(`[${x.section}] ${x.prompt.slice(0, 80)} → ${JSON.stringify(x.reply.slice(0, 160))}`);
