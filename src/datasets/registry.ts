import { createRegistry, type Registry } from "../core/index.js";
import { advbenchDataset, advbenchStringsDataset } from "./loaders/advbench.js";
import { doNotAnswerDataset } from "./loaders/do-not-answer.js";
import { harmbenchDatasets } from "./loaders/harmbench.js";
import { jailbreakTemplatesDataset } from "./loaders/jailbreak-templates.js";
import { jbbArtifactsDataset } from "./loaders/jbb-artifacts.js";
import { jbbBehaviorsDataset } from "./loaders/jbb-behaviors.js";
import { jbbJudgeComparisonDataset } from "./loaders/jbb-human-labels.js";
import { multijailDataset } from "./loaders/multijail.js";
import { pyritSeedsDataset } from "./loaders/pyrit-seeds.js";
import { toxigenDataset } from "./loaders/toxigen.js";
import { xstestDataset } from "./loaders/xstest.js";
import { xstestCompletionsDataset } from "./loaders/xstest-completions.js";
import type { DatasetPlugin } from "./plugin.js";

/** Creates a registry holding every built-in dataset loader (a fresh one, so callers may add their own). */
export function createDatasetRegistry(): Registry<DatasetPlugin> {
  const registry = createRegistry<DatasetPlugin>("dataset");
  const builtins: DatasetPlugin[] = [
    xstestDataset,
    xstestCompletionsDataset,
    ...harmbenchDatasets,
    jbbBehaviorsDataset,
    jbbArtifactsDataset,
    jbbJudgeComparisonDataset,
    advbenchDataset,
    advbenchStringsDataset,
    doNotAnswerDataset,
    multijailDataset,
    jailbreakTemplatesDataset,
    pyritSeedsDataset,
    toxigenDataset,
  ];
  for (const d of builtins) registry.register(d);
  return registry;
}

/** The built-in dataset loaders. */
export const datasetRegistry: Registry<DatasetPlugin> = createDatasetRegistry();
