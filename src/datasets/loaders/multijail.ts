import type { Sample } from "../../core/index.js";
import { quoted } from "../../core/index.js";
import { defineDataset } from "../define-dataset.js";
import type { DatasetFile } from "../plugin.js";
import { cell, intCell, readCsvTable, type TableRow } from "../table.js";
import { dataError, fileText, githubRaw, mapArea } from "./common.js";

/** English plus nine human translations: high- (zh, it, vi), mid- (ar, ko, th) and low-resource (bn, sw, jv). */
export const MULTIJAIL_LANGUAGES = ["en", "zh", "it", "vi", "ar", "ko", "th", "bn", "sw", "jv"] as const;
export type MultiJailLanguage = (typeof MULTIJAIL_LANGUAGES)[number];

/** One MultiJail row: one unsafe prompt in ten languages. It becomes ten samples, one per language. */
export interface MultiJailPrompt {
  id: number;
  source: string;
  tags: string[];
  prompts: Record<MultiJailLanguage, string>;
}

/** Parses the Python-list tag cell: `['Violence & incitement', 'Weapons']`. */
function parseTags(row: TableRow): string[] {
  const raw = cell(row, "tags").trim();
  const m = /^\[(.*)\]$/s.exec(raw);
  if (!m)
    throw dataError(
      row.file,
      row.line,
      `row ${row.row}: tags must look like ['Tag', ...], got ${quoted(raw)}`,
      "write tags as a bracketed list of quoted names",
      "tags",
    );
  const tags = [...(m[1] as string).matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((t) =>
    (t[1] ?? t[2] ?? "").trim(),
  );
  if (tags.length === 0)
    throw dataError(
      row.file,
      row.line,
      `row ${row.row}: tags list is empty`,
      "give every prompt at least one tag",
      "tags",
    );
  return tags;
}

export function parseMultiJail(file: DatasetFile): MultiJailPrompt[] {
  return readCsvTable(fileText(file), file.display, ["id", "source", "tags", ...MULTIJAIL_LANGUAGES]).map(
    (row) => {
      const prompts = {} as Record<MultiJailLanguage, string>;
      for (const lang of MULTIJAIL_LANGUAGES)
        prompts[lang] = cell(row, lang, `fill in the ${lang} translation`);
      return { id: intCell(row, "id"), source: cell(row, "source").trim(), tags: parseTags(row), prompts };
    },
  );
}

const REPO = "DAMO-NLP-SG/multilingual-safety-for-LLMs";

export const multijailDataset = defineDataset<MultiJailPrompt>({
  id: "multijail",
  description:
    "MultiJail: 315 unsafe prompts in English and 9 human translations (one sample per language: 3,150)",
  license: "MIT",
  folder: "multijail",
  expectedRows: 315,
  expectedSamples: 3150,
  homepage: `https://github.com/${REPO}`,
  files: /^MultiJail\.csv$/,
  probe: ["MultiJail.csv"],
  pinned: { "MultiJail.csv": "2798ed6fe470b80b1f486976e0fb3baa3ce008e62b6ca0abbf2e1ed5b1dfb355" },
  harmful: true,
  upstreamUrl: githubRaw(REPO, "577ac511437e07a256130945ef312a99158a18ad", "data/"),
  async parse(reader) {
    return parseMultiJail(await reader.read("MultiJail.csv"));
  },
  parseFile: parseMultiJail,
  // One sample per language; `group` ties the translations of one prompt together.
  toSample: (r, source): Sample[] =>
    MULTIJAIL_LANGUAGES.map((lang) => ({
      id: `multijail-${r.id}-${lang}`,
      source,
      prompt: r.prompts[lang],
      harmArea: mapArea("multijail", r.tags),
      benign: false,
      language: lang,
      meta: {
        group: `multijail-${r.id}`,
        tags: r.tags,
        category: r.tags.join("; "),
        origin: r.source,
        english: r.prompts.en,
      },
    })),
});
