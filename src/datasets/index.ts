export * from "./csv.js";
export * from "./custom-file.js";
export * from "./dataset-files.js";
export * from "./dataset-list.js";
export * from "./dataset-root.js";
export * from "./decode.js";
export * from "./define-dataset.js";
export * from "./download.js";
export * from "./jsonl.js";
export * from "./lenient-yaml.js";
export * from "./loaders/advbench.js";
export * from "./loaders/do-not-answer.js";
export * from "./loaders/harmbench.js";
export * from "./loaders/jailbreak-templates.js";
export * from "./loaders/jbb-artifacts.js";
export * from "./loaders/jbb-behaviors.js";
export * from "./loaders/jbb-human-labels.js";
export * from "./loaders/multijail.js";
export * from "./loaders/pyrit-seeds.js";
export * from "./loaders/toxigen.js";
export * from "./loaders/xstest.js";
export * from "./loaders/xstest-completions.js";
export * from "./located-yaml.js";
export {
  createLshIndex,
  createMinHasher,
  createNgramIndex,
  estimateJaccard,
  normalizeText,
} from "./near-duplicates.js";
export { parseMessages, plain, sameMessages, type WeightedMessage } from "./parse-messages.js";
export * from "./plugin.js";
export * from "./read-input-file.js";
export * from "./refusal-label.js";
export * from "./registry.js";
export { forEachJsonObjectLine, type RowPlace, rowError } from "./row-error.js";
export * from "./sample-view.js";
export * from "./table.js";
export * from "./write-samples.js";
