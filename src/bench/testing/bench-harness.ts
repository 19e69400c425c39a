import type { ChatModel } from "../../core/index.js";
import { createJudge, parseJudgeSpec } from "../../judges/index.js";
import { openStore, type Store } from "../../store/index.js";
import { type RunBenchOptions, runBench } from "../runner.js";
import { suiteRegistry } from "../suite-registry.js";
import { loadTinySamples } from "./tiny-datasets.js";

/**
 * Runs suites on an in-memory store with the tiny datasets: the common set-up of the bench tests. Judges
 * are given as ids, as on the command line.
 */
export async function runTiny(
  suites: string[],
  model: ChatModel,
  {
    judgeIds,
    ...extra
  }: Partial<RunBenchOptions> & { store?: Store; judgeModel?: ChatModel; judgeIds?: string[] } = {},
) {
  const store = extra.store ?? openStore(":memory:");
  const resolveModel = (): ChatModel => extra.judgeModel ?? model;
  const result = await runBench({
    store,
    registry: suiteRegistry,
    suites,
    model,
    judges: judgeIds?.map((id) => parseJudgeSpec(id)),
    createJudge: (spec) => createJudge(spec, { resolveModel }),
    loadSamples: loadTinySamples,
    concurrency: 4,
    ...extra,
  });
  return { store, ...result };
}
