export { detectFormat, parsePreferenceRow, parseSftRow } from "./parse-row.js";
export {
  lineList,
  parseTrainingJsonl,
  type ReadTrainingFile,
  readTrainingFile,
} from "./read-training-file.js";
export * from "./types.js";
export { convertTrainingData, toTrainingJsonl } from "./write-training-file.js";
