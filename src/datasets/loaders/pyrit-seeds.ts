import type { Sample } from "../../core/index.js";
import { defineDataset } from "../define-dataset.js";
import { parseJsonDocument } from "../jsonl.js";
import { parsePyritYaml } from "../lenient-yaml.js";
import type { DatasetFile } from "../plugin.js";
import { dataError, fileText, githubRaw, isObject, mapArea } from "./common.js";

/** One PyRIT seed prompt: from `adv_bench_dataset.json` (AdvBench with LLM-assigned categories) or a `.prompt` file. */
export interface PyritSeedPrompt {
  /** `adv_bench`, or the `.prompt` file's base name. */
  dataset: string;
  /** 1-based position in its file. */
  index: number;
  value: string;
  harmCategories: string[];
  /** AdvBench only: sub-categories of arXiv:2407.01294 (assigned by Claude 3.7, not humans). */
  subCategories: string[];
  language: string;
  metadata?: Record<string, unknown>;
  /** The file was not valid YAML and was read by the lenient reader. */
  lenient: boolean;
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : [];
const LANGUAGE_NAMES: Record<string, string> = {
  japanese: "ja",
  chinese: "zh",
  korean: "ko",
  german: "de",
  french: "fr",
  spanish: "es",
  italian: "it",
  arabic: "ar",
  russian: "ru",
};

function languageOf(text: string, metadata: Record<string, unknown> | undefined): string {
  const from = metadata?.["translated_from"];
  if (typeof from === "string" && LANGUAGE_NAMES[from.toLowerCase()])
    return LANGUAGE_NAMES[from.toLowerCase()] as string;
  // Text mixing CJK with English (the multilingual extraction attack) is tagged `mul`.
  if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(text)) return /[A-Za-z]{4,}/.test(text) ? "mul" : "und";
  return "en";
}

export function parseAdvBenchSeeds(file: DatasetFile): PyritSeedPrompt[] {
  const doc = parseJsonDocument(fileText(file), file.display);
  const fix = 'expected {"data": [{"prompt": "...", "main_categories": [...], "sub_categories": [...]}]}';
  if (!isObject(doc) || !Array.isArray(doc["data"]))
    throw dataError(file.display, 1, "missing `data` list", fix, "data");
  return doc["data"].map((d, i) => {
    if (!isObject(d) || typeof d["prompt"] !== "string" || d["prompt"].trim() === "") {
      throw dataError(file.display, undefined, `data[${i}]: missing \`prompt\``, fix, `data[${i}].prompt`);
    }
    return {
      dataset: "adv_bench",
      index: i + 1,
      value: d["prompt"],
      harmCategories: strings(d["main_categories"]),
      subCategories: strings(d["sub_categories"]),
      language: "en",
      lenient: false,
    };
  });
}

export function parseSeedPromptFile(file: DatasetFile): PyritSeedPrompt[] {
  const parsed = parsePyritYaml(fileText(file), file.display);
  const doc = parsed.value;
  const fix = "a PyRIT seed prompt file has `prompts:` with a list of items that each have a `value`";
  if (!isObject(doc) || !Array.isArray(doc["prompts"]) || doc["prompts"].length === 0) {
    throw dataError(file.display, 1, "missing `prompts` list", fix, "prompts");
  }
  const dataset = file.path.replace(/^.*\//, "").replace(/\.prompt$/, "");
  const shared = strings(doc["harm_categories"]);
  return doc["prompts"].map((p, i) => {
    if (!isObject(p) || typeof p["value"] !== "string" || p["value"].trim() === "") {
      throw dataError(
        file.display,
        undefined,
        `prompts[${i}]: missing \`value\``,
        fix,
        `prompts[${i}].value`,
      );
    }
    const metadata = isObject(p["metadata"]) ? p["metadata"] : undefined;
    const own = strings(p["harm_categories"]);
    return {
      dataset,
      index: i + 1,
      value: p["value"],
      harmCategories: own.length > 0 ? own : shared,
      subCategories: [],
      language: languageOf(p["value"], metadata),
      metadata,
      lenient: parsed.lenient,
    };
  });
}

const PROMPT_FILES = ["illegal.prompt", "gandalf.prompt", "steal_system_prompt.prompt"];
const url = githubRaw("microsoft/PyRIT", "b06c6bca8aff0cb115d281763c74faa60b10b172", "pyrit/datasets/");

export const pyritSeedsDataset = defineDataset<PyritSeedPrompt>({
  id: "pyrit-seeds",
  description:
    "PyRIT seed prompts: the 520 AdvBench goals with harm categories, plus illegal-request, Gandalf and system-prompt-extraction seeds",
  license: "MIT",
  folder: "pyrit-seed-prompts",
  expectedRows: 529,
  homepage: "https://github.com/microsoft/PyRIT",
  files: /^(?:adv_bench_dataset\.json|[^/]+\.prompt)$/,
  probe: ["adv_bench_dataset.json"],
  pinned: {
    "adv_bench_dataset.json": "48a380f277e4025c2659c83430f997a7c95c35e1389f8a5a39118d10f723bd00",
    "illegal.prompt": "bcb0b4ab2ecdeb6b9b4d0e2da4bca6a090fcc0a87717b1237c31e81b466dd5a5",
    "gandalf.prompt": "d5eecb433672b91b2505708221a67d9450e7b94344575abc44b62e81eafe335c",
    "steal_system_prompt.prompt": "f5d023b83b30646a12a6c65a7081d74328bf758655d153f35987559a8cb6368f",
  },
  harmful: true,
  upstreamUrl: (p) =>
    p.endsWith(".prompt")
      ? url(`seed_prompts/${p}`)
      : p === "adv_bench_dataset.json"
        ? url(`data/${p}`)
        : undefined,
  async parse(reader) {
    const out = parseAdvBenchSeeds(await reader.read("adv_bench_dataset.json"));
    for (const p of PROMPT_FILES) out.push(...parseSeedPromptFile(await reader.read(p)));
    return out;
  },
  parseFile: (file) => (file.path.endsWith(".json") ? parseAdvBenchSeeds(file) : parseSeedPromptFile(file)),
  toSample(r, source): Sample {
    return {
      id: `pyrit-seeds/${r.dataset}/${r.index}`,
      source,
      prompt: r.value,
      harmArea: mapArea("harms-subcategory", r.subCategories) ?? mapArea("pyrit-prompt", r.harmCategories),
      benign: false,
      language: r.language,
      meta: {
        dataset: r.dataset,
        category: r.harmCategories.join("; "),
        harmCategories: r.harmCategories,
        subCategories: r.subCategories,
        metadata: r.metadata,
        lenientYaml: r.lenient || undefined,
      },
    };
  },
});
