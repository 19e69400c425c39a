import { BreakfixError, type Message } from "../core/index.js";
import { defaultTaxonomy, type Taxonomy } from "../taxonomy/index.js";
import { parseMessages, plain } from "./parse-messages.js";
import { readInputFile } from "./read-input-file.js";
import { forEachJsonObjectLine, rowError } from "./row-error.js";
import { readCsvTable } from "./table.js";

/** One prompt of a user's own bench file. */
export interface CustomRow {
  id: string;
  line: number;
  prompt: string | Message[];
  goal?: string;
  harmArea?: string;
  category?: string;
  expected?: string;
  language?: string;
  /** Should be answered (label benign/safe); harmful rows should be refused. */
  benign: boolean;
}

export const CUSTOM_FILE_FIX =
  'one row per prompt: {"prompt": "..."} or {"messages": [...]}, optional "id", "goal", "harm_area", "category", "expected", "label": "harmful"|"benign", "language"; or a CSV with those columns (messages as JSON)';

const LABELS: Record<string, boolean> = { harmful: false, unsafe: false, benign: true, safe: true };

type Row = Record<string, unknown>;

const text = (row: Row, ...keys: string[]): string | undefined => {
  for (const k of keys) {
    const v = row[k];
    if (typeof v === "string" && v.trim() !== "") return v;
  }
  return undefined;
};

function parseRow(row: Row, file: string, line: number, taxonomy: Taxonomy): CustomRow {
  const place = { file, line };
  let prompt: string | Message[];
  if (row.messages !== undefined && row.messages !== "") {
    const raw = typeof row.messages === "string" ? safeJson(row.messages, file, line) : row.messages;
    prompt = plain(parseMessages(raw, place, "messages"));
    if (prompt.at(-1)?.role !== "user") {
      throw rowError(
        place,
        "messages must end with the user's turn",
        "end with the message to answer",
        "messages",
      );
    }
  } else {
    const p = text(row, "prompt");
    if (p === undefined) throw rowError(place, "the row has neither prompt nor messages", CUSTOM_FILE_FIX);
    prompt = p;
  }
  const label = text(row, "label")?.trim().toLowerCase();
  if (label !== undefined && !(label in LABELS)) {
    throw rowError(
      place,
      `label must be harmful or benign, got ${JSON.stringify(label)}`,
      "use harmful (or unsafe) / benign (or safe)",
      "label",
    );
  }
  const harmArea = text(row, "harm_area", "harmArea")?.trim();
  if (harmArea !== undefined && !taxonomy.has(harmArea)) {
    throw rowError(
      place,
      `harm_area ${JSON.stringify(harmArea)} is not an area of the taxonomy`,
      `use one of ${taxonomy.areas.map((a) => a.id).join(", ")} (free text goes in "category")`,
      "harm_area",
    );
  }
  const expected = text(row, "expected");
  const out: CustomRow = {
    id: text(row, "id") ?? `line-${line}`,
    line,
    prompt,
    // Without a label, a row with an expected answer is a task to answer; any other row is a harmful ask.
    benign: label !== undefined ? (LABELS[label] as boolean) : expected !== undefined,
  };
  const goal = text(row, "goal");
  const category = text(row, "category");
  const language = text(row, "language");
  if (goal !== undefined) out.goal = goal;
  if (harmArea !== undefined) out.harmArea = harmArea;
  if (category !== undefined) out.category = category;
  if (expected !== undefined) out.expected = expected;
  if (language !== undefined) out.language = language;
  return out;
}

function safeJson(value: string, file: string, line: number): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw rowError(
      { file, line },
      "messages is not valid JSON",
      'write messages as a JSON array: [{"role": "user", "content": "..."}]',
      "messages",
    );
  }
}

/** Reads a custom bench file: JSONL, or CSV with a header row when the name ends in `.csv`. */
export function readCustomFile(file: string, taxonomy: Taxonomy = defaultTaxonomy): CustomRow[] {
  const content = readInputFile(
    file,
    "check the --custom-file path (or bench.customFile in the cycle config)",
  );
  const rows: CustomRow[] = [];
  if (file.toLowerCase().endsWith(".csv")) {
    for (const r of readCsvTable(content, file, []))
      rows.push(parseRow({ ...r.values }, file, r.line, taxonomy));
  } else {
    forEachJsonObjectLine(content, file, CUSTOM_FILE_FIX, (row, place) =>
      rows.push(parseRow(row, file, place.line, taxonomy)),
    );
  }
  if (rows.length === 0) {
    throw new BreakfixError("DATA_INVALID", `${file} has no rows`, {
      location: { file },
      fix: CUSTOM_FILE_FIX,
    });
  }
  const seen = new Map<string, number>();
  for (const r of rows) {
    const first = seen.get(r.id);
    if (first !== undefined) {
      throw rowError(
        { file, line: r.line },
        `id ${JSON.stringify(r.id)} repeats line ${first}`,
        "give every row its own id",
        "id",
      );
    }
    seen.set(r.id, r.line);
  }
  return rows;
}
