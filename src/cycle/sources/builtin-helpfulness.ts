import path from "node:path";
import { createRng } from "../../core/index.js";
import { generateCorpus } from "../../embedded/index.js";
import { convertTrainingData, readTrainingFile, type SftExample } from "../../training-data/index.js";

/** Conversations drawn per round: enough for a 30% safety share with a few hundred fix examples. */
const POOL = 1200;

/**
 * General helpfulness data for the built-in model: benign and borderline conversations of its own corpus
 * (a fresh seeded draw per round), so safety training keeps its task skills and borderline helpfulness.
 */
export function builtinHelpfulness(seed: number, round: number): SftExample[] {
  const corpusSeed = createRng(seed)
    .fork(`helpfulness/r${round}`)
    .int(2 ** 31);
  return generateCorpus({ seed: corpusSeed, conversations: POOL })
    .filter((c) => c.categories.every((k) => k !== "harmful"))
    .map((c) => ({ messages: c.messages.map((m) => ({ ...m })) }));
}

/**
 * The helpfulness conversations `fixData.helpfulness` names: the built-in corpus, none, or a file of the
 * user's own (any training format; preference pairs give their chosen side).
 */
export function helpfulnessData(setting: string, seed: number, round: number, cwd: string): SftExample[] {
  if (setting === "builtin") return builtinHelpfulness(seed, round);
  if (setting === "none") return [];
  const { data } = readTrainingFile(path.resolve(cwd, setting), "auto");
  const sft = convertTrainingData(data, "openai");
  return sft.kind === "sft" ? sft.rows : [];
}
