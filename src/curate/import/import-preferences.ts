import path from "node:path";
import { BreakfixError, createRng, type Message } from "../../core/index.js";
import { forEachJsonObjectLine, type RowPlace, readInputFile, rowError } from "../../datasets/index.js";
import {
  areaByKeywords,
  BEAVERTAILS_AREAS,
  type CategoryScheme,
  defaultTaxonomy,
  type Taxonomy,
} from "../../taxonomy/index.js";
import type { InputFormat, PreferencePair } from "../../training-data/index.js";
import { detectFormat, parsePreferenceRow, parseSftRow } from "../../training-data/index.js";
import { userText } from "../example-text.js";
import { templateRefusal } from "../safe-responses.js";
import type { CandidatePair, CandidateSft, Provenance, ProvenanceScore } from "../types.js";

export type ImportFormat = "hh" | "beavertails" | "openai" | "trl" | "pku-saferlhf";
export const IMPORT_FORMATS: readonly ImportFormat[] = ["hh", "beavertails", "openai", "trl", "pku-saferlhf"];

/** The row layouts each import format takes (TRL prompt-completion SFT rows count as TRL and OpenAI). */
const ACCEPTS: Record<Exclude<ImportFormat, "beavertails">, readonly InputFormat[]> = {
  hh: ["hh"],
  openai: ["openai", "openai-dpo", "prompt-completion"],
  trl: ["trl", "prompt-completion"],
  "pku-saferlhf": ["pku-saferlhf"],
};

export interface ImportOptions {
  format: ImportFormat;
  /** Round recorded in provenance (default 0: data from before the cycle). */
  round?: number;
  /** Seeds the refusal templates written as the chosen side of unpaired unsafe BeaverTails answers. */
  seed?: number;
  taxonomy?: Taxonomy;
  /** Keep only these areas (default: every area of the taxonomy). */
  areas?: readonly string[];
}

export interface ImportedCandidates {
  sft: CandidateSft[];
  pairs: CandidatePair[];
  /** Rows left out: no harm area could be found, or the area was not asked for. */
  skipped: Array<{ row: number; reason: string }>;
  rows: number;
}

type Row = Record<string, unknown>;

const SCHEMES: readonly CategoryScheme[] = [
  "llama-guard-3",
  "harmbench",
  "jbb",
  "multijail",
  "harms-subcategory",
  "do-not-answer",
];

/** A category string through the taxonomy: an area id itself, else any external scheme that maps it. */
function mapCategory(category: string, taxonomy: Taxonomy): string | undefined {
  const key = category.trim();
  if (taxonomy.has(key)) return key;
  const beaver = BEAVERTAILS_AREAS[key];
  if (beaver && taxonomy.has(beaver)) return beaver;
  for (const scheme of SCHEMES) {
    const area = taxonomy.map(scheme, key);
    if (area) return area;
  }
  return undefined;
}

/** The categories a row names: a string, a list, or BeaverTails' object of flags (the true ones). */
function categoriesOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  if (value && typeof value === "object") {
    return Object.entries(value as Row)
      .filter(([, on]) => on === true)
      .map(([k]) => k);
  }
  return [];
}

interface Parsed {
  line: number;
  row: Row;
}

function parseLines(text: string, file: string): Parsed[] {
  const out: Parsed[] = [];
  forEachJsonObjectLine(text, file, "write one JSON object per line", (row, place) => {
    out.push({ line: place.line, row });
  });
  if (out.length === 0) {
    throw new BreakfixError("DATA_INVALID", `${file} has no rows`, {
      fix: "write one JSON object per line",
      location: { file },
    });
  }
  return out;
}

/**
 * Public preference or safety data as curation candidates, filtered to the taxonomy: HH-RLHF
 * (`chosen`/`rejected` transcripts), BeaverTails (`prompt`, `response`, `is_safe`, `category`), PKU-SafeRLHF
 * (chosen = the safer response) and OpenAI (chat or DPO) / TRL (preference or prompt-completion) files. A row's area comes from its `category` (mapped through the taxonomy) or, when it
 * has none, from the documented keyword mapping; rows with no area are skipped and counted. Every candidate
 * carries provenance with the file and row.
 */
export function importPreferences(text: string, file: string, o: ImportOptions): ImportedCandidates {
  const taxonomy = o.taxonomy ?? defaultTaxonomy;
  const wanted = new Set(o.areas ?? taxonomy.areas.map((a) => a.id));
  const out: ImportedCandidates = { sft: [], pairs: [], skipped: [], rows: 0 };
  const rows = parseLines(text, file);
  out.rows = rows.length;
  const base = (area: string, line: number, scores: ProvenanceScore[] = []): Provenance => ({
    kind: "import",
    harmArea: area,
    language: o.format === "openai" || o.format === "trl" ? "und" : "en",
    round: o.round ?? 0,
    generator: `import:${o.format}`,
    source: `${o.format}:${path.basename(file)}`,
    row: line,
    judgeScores: scores,
  });
  const areaOf = (row: Row, text: string, line: number): string | undefined => {
    const categories = categoriesOf(row.category ?? row.harm_area ?? row.harmArea);
    const area =
      categories.map((c) => mapCategory(c, taxonomy)).find((a) => a !== undefined) ?? areaByKeywords(text);
    if (area === undefined)
      out.skipped.push({ row: line, reason: "no harm area (no mapped category, no keyword)" });
    else if (!wanted.has(area)) out.skipped.push({ row: line, reason: `area ${area} not selected` });
    else return area;
    return undefined;
  };
  if (o.format === "beavertails") {
    importBeaverTails(rows, file, o, areaOf, base, out);
    return out;
  }
  for (const { line, row } of rows) {
    const place = { file, line };
    const detected = detectFormat(row, place);
    if (detected === "kto") {
      throw rowError(
        place,
        "KTO rows carry one labelled answer each and pair only per prompt",
        `pair them first: \`breakfix train convert ${file} --from kto --to trl --out pairs.jsonl\`, then import pairs.jsonl with --format trl`,
      );
    }
    if (!ACCEPTS[o.format].includes(detected)) {
      const fitting = IMPORT_FORMATS.find((f) => f !== "beavertails" && ACCEPTS[f].includes(detected));
      throw rowError(
        place,
        `row looks like ${detected}, not ${o.format}`,
        `pass --format ${fitting ?? detected}`,
      );
    }
    const id = `import/${path.basename(file)}#${line}`;
    // HH-RLHF has rows whose two sides are the same text: they teach nothing, so they are left out.
    if (detected === "hh" && row.chosen === row.rejected) {
      out.skipped.push({ row: line, reason: "chosen and rejected are identical" });
      continue;
    }
    if (detected === "openai" || detected === "prompt-completion") {
      const example = parseSftRow(row, place, detected);
      const area = areaOf(row, userText(example.messages), line);
      if (area) out.sft.push({ id, example, provenance: base(area, line) });
      continue;
    }
    const pair = parsePreferenceRow(row, detected, place);
    const area = areaOf(row, userText(pair.prompt), line);
    if (area) out.pairs.push({ id, pair, provenance: base(area, line) });
  }
  return out;
}

function stringField(row: Row, field: string, place: RowPlace): string {
  const v = row[field];
  if (typeof v !== "string" || v.trim() === "") {
    throw rowError(
      place,
      `${field} must be a non-empty string`,
      "give BeaverTails rows prompt, response, is_safe and category",
      field,
    );
  }
  return v;
}

/**
 * BeaverTails rows are single answers labelled safe or unsafe. Safe answers become SFT examples; each
 * unsafe one becomes a pair whose chosen side is a safe answer to the same prompt from the file when there
 * is one, else a refusal template for the area (recorded as its generator).
 */
function importBeaverTails(
  rows: readonly Parsed[],
  file: string,
  o: ImportOptions,
  areaOf: (row: Row, text: string, line: number) => string | undefined,
  base: (area: string, line: number, scores?: ProvenanceScore[]) => Provenance,
  out: ImportedCandidates,
): void {
  const groups = new Map<string, Array<{ line: number; row: Row; response: string; safe: boolean }>>();
  for (const { line, row } of rows) {
    const place = { file, line };
    const prompt = stringField(row, "prompt", place);
    const response = stringField(row, "response", place);
    if (typeof row.is_safe !== "boolean") {
      throw rowError(
        place,
        "is_safe must be true or false",
        "give BeaverTails rows a boolean is_safe",
        "is_safe",
      );
    }
    const group = groups.get(prompt) ?? [];
    group.push({ line, row, response, safe: row.is_safe });
    groups.set(prompt, group);
  }
  const rng = createRng(o.seed ?? 0).fork("beavertails");
  for (const [prompt, group] of groups) {
    const first = group[0] as (typeof group)[number];
    // The unsafe rows carry the categories; safe rows of the same prompt share their area.
    const labelled = group.find((g) => !g.safe && categoriesOf(g.row.category).length > 0) ?? first;
    const area = areaOf(labelled.row, prompt, labelled.line);
    if (area === undefined) continue;
    const promptMessages: Message[] = [{ role: "user", content: prompt }];
    const safe = group.find((g) => g.safe);
    for (const g of group) {
      const id = `import/${path.basename(file)}#${g.line}`;
      const human: ProvenanceScore = { judgeId: "beavertails:is_safe", label: g.safe ? "safe" : "unsafe" };
      if (g.safe) {
        const example = {
          messages: [...promptMessages, { role: "assistant" as const, content: g.response }],
        };
        out.sft.push({ id, example, provenance: base(area, g.line, [human]) });
        continue;
      }
      const chosen = safe ? { text: safe.response, generator: "import:beavertails" } : undefined;
      const refusal = chosen ? undefined : templateRefusal(area, rng);
      const pair: PreferencePair = {
        prompt: promptMessages,
        chosen: [{ role: "assistant", content: chosen?.text ?? refusal?.text ?? "" }],
        rejected: [{ role: "assistant", content: g.response }],
      };
      out.pairs.push({
        id,
        pair,
        provenance: { ...base(area, g.line, [human]), ...(refusal ? { generator: refusal.templateId } : {}) },
      });
    }
  }
}

export function importPreferencesFile(file: string, o: ImportOptions): ImportedCandidates {
  const text = readInputFile(file, "check the path");
  return importPreferences(text, file, o);
}
