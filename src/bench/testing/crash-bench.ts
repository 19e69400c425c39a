/**
 * A `runBench` process for the kill/resume test: the capability suite over a task file against a model that
 * answers after a short delay, on a file store (results committed by the writer thread), 5 items a batch.
 * Prints `ITEM n` as each item finishes and `DONE resumed=<bool> k=<correct> n=<decided>` at the end.
 *
 * Usage: node --import tsx crash-bench.ts <db> <tasks.jsonl> <delay-ms>
 */
import { type ChatModel, silentProgress, sleep } from "../../core/index.js";
import { createJudge } from "../../judges/index.js";
import { openStore } from "../../store/index.js";
import { runBench } from "../runner.js";
import { suiteRegistry } from "../suite-registry.js";

const [dbFile, tasks, delayArg] = process.argv.slice(2);
const delayMs = Number(delayArg);

/** Answers "Say X" with "X". */
const model: ChatModel = {
  id: "mock:say",
  async generate(messages, options) {
    await sleep(delayMs, options?.signal);
    const text = (messages.at(-1)?.content ?? "").replace(/^Say /, "");
    return { ok: true, text, finishReason: "stop", latencyMs: delayMs };
  },
};

let finished = 0;
const store = openStore(dbFile!);
const result = await runBench({
  store,
  registry: suiteRegistry,
  runId: "crash-bench",
  suites: ["capability"],
  model,
  createJudge: (spec) =>
    createJudge(spec, {
      resolveModel: () => {
        throw new Error(`no judge model for ${spec.id} here`);
      },
    }),
  loadSamples: async () => [],
  concurrency: 4,
  batchSize: 5,
  suiteOptions: { capabilityFile: tasks },
  progress: {
    ...silentProgress,
    advance() {
      process.stdout.write(`ITEM ${++finished}\n`);
    },
  },
});
const accuracy = result.report.suites[0]?.metrics[0];
store.close();
if (accuracy?.kind !== "rate") throw new Error("no accuracy metric");
process.stdout.write(`DONE resumed=${result.resumed} k=${accuracy.k} n=${accuracy.n}\n`);
