import type { Sample } from "../../core/index.js";
import { defineDataset } from "../define-dataset.js";
import { parseJsonDocument } from "../jsonl.js";
import type { DatasetFile } from "../plugin.js";
import { dataError, fileText, githubRaw, isObject, mapArea } from "./common.js";

/** One published jailbreak attempt: the attack prompt for a JBB behavior and the target model's response. */
export interface JbbArtifact {
  method: string;
  model: string;
  attackType: string;
  index: number;
  goal: string;
  behavior: string;
  category: string;
  /** The jailbreak prompt; null where the attack produced none (e.g. PAIR on Llama-2). */
  prompt: string | null;
  response: string | null;
  /** JBB's official judge verdict at evaluation time (automatic, not human). */
  jailbroken: boolean;
  /** The original Llama Guard verdict; absent in DSN. */
  jailbrokenLlamaGuard1?: boolean;
  numberOfQueries: number | null;
  evaluationDate?: string;
}

const REPO = "JailbreakBench/artifacts";
const COMMIT = "909e68c01d94222b8ad2e397a017e2e12e2adb73";

export function parseJbbArtifactFile(file: DatasetFile): JbbArtifact[] {
  const doc = parseJsonDocument(fileText(file), file.display);
  const fix = "use an artifact file of JailbreakBench/artifacts: {parameters: {...}, jailbreaks: [...]}";
  if (!isObject(doc) || !isObject(doc["parameters"]) || !Array.isArray(doc["jailbreaks"])) {
    throw dataError(
      file.display,
      1,
      "not a JBB artifact: expected an object with `parameters` and `jailbreaks`",
      fix,
    );
  }
  const params = doc["parameters"];
  const str = (v: unknown, field: string): string => {
    if (typeof v !== "string" || v === "")
      throw dataError(file.display, undefined, "missing", fix, `parameters.${field}`);
    return v;
  };
  const method = str(params["method"], "method");
  const model = str(params["model"], "model");
  const attackType = str(params["attack_type"], "attack_type");
  return doc["jailbreaks"].map((j, i) => {
    const where = `jailbreaks[${i}]`;
    if (!isObject(j)) throw dataError(file.display, undefined, "not an object", fix, where);
    const text = (k: string): string | null => {
      const v = j[k];
      if (v === null || v === undefined) return null;
      if (typeof v !== "string")
        throw dataError(file.display, undefined, `\`${k}\` must be a string or null`, fix, `${where}.${k}`);
      return v;
    };
    if (typeof j["index"] !== "number")
      throw dataError(file.display, undefined, "`index` must be a number", fix, `${where}.index`);
    if (typeof j["jailbroken"] !== "boolean")
      throw dataError(
        file.display,
        undefined,
        "`jailbroken` must be true or false",
        fix,
        `${where}.jailbroken`,
      );
    const goal = text("goal");
    if (!goal) throw dataError(file.display, undefined, "`goal` is missing", fix, `${where}.goal`);
    const lg = j["jailbroken_llama_guard1"];
    return {
      method,
      model,
      attackType,
      index: j["index"],
      goal,
      behavior: text("behavior") ?? "",
      category: text("category") ?? "",
      prompt: text("prompt"),
      response: text("response"),
      jailbroken: j["jailbroken"],
      jailbrokenLlamaGuard1: typeof lg === "boolean" ? lg : undefined,
      numberOfQueries: typeof j["number_of_queries"] === "number" ? j["number_of_queries"] : null,
      evaluationDate: typeof params["evaluation_date"] === "string" ? params["evaluation_date"] : undefined,
    };
  });
}

export const jbbArtifactsDataset = defineDataset<JbbArtifact>({
  id: "jbb-artifacts",
  description:
    "JailbreakBench attack artifacts: PAIR, GCG, JBC, random-search and DSN prompts per model, with responses and jailbroken flags",
  license: "MIT",
  folder: "jailbreakbench",
  expectedRows: 1800,
  homepage: `https://github.com/${REPO}`,
  files: /^artifacts\/[^/]+\/[^/]+\/[^/]+\.json$/,
  probe: ["artifacts/PAIR/black_box/gpt-4-0125-preview.json"],
  pinned: {},
  harmful: true,
  upstreamUrl: (p) => (p.startsWith("artifacts/") ? githubRaw(REPO, COMMIT, "attack-")(p) : undefined),
  async parse(reader) {
    const out: JbbArtifact[] = [];
    const files = (await reader.list("artifacts/", ".json")).filter((p) => !p.endsWith("/attack-info.json"));
    for (const p of files) out.push(...parseJbbArtifactFile(await reader.read(p)));
    return out;
  },
  parseFile: parseJbbArtifactFile,
  toSample(r, source): Sample {
    return {
      id: `jbb-artifacts/${r.method}/${r.attackType}/${r.model}/${r.index}`,
      source,
      // With no attack prompt the goal stands in, flagged so replays can skip it.
      prompt: r.prompt ?? r.goal,
      harmArea: mapArea("jbb", [r.category]),
      benign: false,
      language: "en",
      meta: {
        method: r.method,
        model: r.model,
        attackType: r.attackType,
        index: r.index,
        goal: r.goal,
        behavior: r.behavior,
        category: r.category,
        hasAttackPrompt: r.prompt !== null,
        response: r.response,
        jailbroken: r.jailbroken,
        jailbrokenLlamaGuard1: r.jailbrokenLlamaGuard1,
        numberOfQueries: r.numberOfQueries,
        evaluationDate: r.evaluationDate,
      },
    };
  },
});
