export { candidatesToJsonl, readCandidatesFile } from "./candidates-file.js";
export { type CompileFixDataOptions, compileFixData } from "./compile-fix-data.js";
export { type CuratedDataset, type CurateOptions, curateFixData } from "./curate-fix-data.js";
export { type CuratedRound, type CurateRequest, curateRound, formatCurated } from "./curate-round.js";
export type { SetCounts } from "./data-card.js";
export {
  type ContaminationMatch,
  createDecontaminator,
  type DecontaminationOptions,
  type EvalText,
} from "./decontaminate.js";
export { type CollectedEvalTexts, collectEvalTexts, DEFAULT_EVAL_SETS } from "./eval-texts.js";
export {
  IMPORT_FORMATS,
  type ImportedCandidates,
  type ImportFormat,
  type ImportOptions,
  importPreferences,
  importPreferencesFile,
} from "./import/import-preferences.js";
export { type LookalikeEvalPrompt, lookalikeEvalPrompts } from "./lookalikes.js";
export type { RemovalReason, RemovedExample } from "./removal.js";
export { templateRefusal } from "./safe-responses.js";
export type { SelfDistill } from "./self-distill.js";
export * from "./types.js";
