/**
 * The web app's run rows for a large red-team campaign (the rows /runs and /runs/:id filter): attempt
 * summaries with user turns counted by SQLite, against the reference of reading every attempt whole and
 * counting in JavaScript, interleaved in one process.
 *   npx tsx perf/ui-run-rows.ts [--attempts 20000] [--rounds 5]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openStore } from "../src/store/index.js";
import { runRows } from "../src/ui/pages/run-rows.js";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const attempts = arg("attempts", 20_000);
const rounds = arg("rounds", 5);
const dir = mkdtempSync(path.join(tmpdir(), "bf-run-rows-"));
const store = openStore(path.join(dir, "runs.db"));
store.runs.start({ id: "c1", kind: "redteam", name: "large campaign", config: {}, seed: 1 });
// Four turns of about 1,400 characters each: a crescendo attempt's size.
const text = "word ".repeat(280);
const turn = (role: "user" | "assistant") => ({ role, content: text });
store.attacks.putMany(
  Array.from({ length: attempts }, (_, i) => ({
    runId: "c1",
    objectiveId: `o${i % 500}`,
    attempt: Math.floor(i / 500),
    strategy: "crescendo",
    converters: ["base64"],
    outcome: "failure" as const,
    transcript: [turn("user"), turn("assistant"), turn("user"), turn("assistant")],
    queries: 2,
    scores: [],
    harmArea: "cyber",
    language: "en",
  })),
);
const run = store.runs.get("c1");
if (!run) throw new Error("no run");
const time = (f: () => number): number => {
  const t = performance.now();
  if (f() !== attempts) throw new Error("wrong row count");
  return performance.now() - t;
};
const summaries: number[] = [];
const reference: number[] = [];
for (let r = 0; r < rounds; r++) {
  summaries.push(time(() => runRows(store, run).length));
  reference.push(
    time(
      () => store.attacks.list("c1").map((a) => a.transcript.filter((m) => m.role === "user").length).length,
    ),
  );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
console.log(
  `${attempts} attempts: run rows ${median(summaries).toFixed(0)} ms, reference (whole attempts) ${median(reference).toFixed(0)} ms, ratio ${(median(reference) / median(summaries)).toFixed(2)}x (median of ${rounds})`,
);
store.close();
rmSync(dir, { recursive: true, force: true });
