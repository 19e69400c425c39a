import type { ChatModel } from "../../core/index.js";
import { createJudge } from "../../judges/index.js";
import { openStore, type Store } from "../../store/index.js";
import { createBenchJudge } from "../bench-judges.js";
import { type RunBenchOptions, runBench } from "../runner.js";
import { suiteRegistry } from "../suite-registry.js";
import { loadTinySamples } from "./tiny-datasets.js";

/** Runs suites on an in-memory store with the tiny datasets: the common set-up of the bench tests. */
export async function runTiny(
  suites: string[],
  model: ChatModel,
  extra: Partial<RunBenchOptions> & { store?: Store; judgeModel?: ChatModel } = {},
) {
  const store = extra.store ?? openStore(":memory:");
  const resolveModel = (): ChatModel => extra.judgeModel ?? model;
  const result = await runBench({
    store,
    registry: suiteRegistry,
    suites,
    model,
    createJudge: (id) =>
      createBenchJudge(id, { createJudge: (j) => createJudge(j, { resolveModel }), resolveModel }),
    loadSamples: loadTinySamples,
    concurrency: 4,
    ...extra,
  });
  return { store, ...result };
}
