import type { Sample } from "../../core/index.js";
import { defaultTaxonomy } from "../../taxonomy/index.js";
import { defineDataset } from "../define-dataset.js";
import type { DatasetFile } from "../plugin.js";
import { cell, enumCell, intCell, optionalCell, readCsvTable } from "../table.js";
import { dataError, fileText, githubRaw } from "./common.js";

export const XSTEST_REPO = "paul-rottger/exaggerated-safety";
export const XSTEST_COMMIT = "d7bb5bd738c1fcbc36edd83d5e7d1b71a3e2d84d";

/** One XSTest prompt: 250 safe prompts that should be answered, 200 unsafe contrast prompts. */
export interface XSTestPrompt {
  id: number;
  prompt: string;
  /** One of 18 prompt types; the unsafe ones start with `contrast_`. */
  type: string;
  label: "safe" | "unsafe";
  focus?: string;
  note?: string;
}

const COLUMNS = ["id", "prompt", "type", "label", "focus", "note"];

export function parseXSTestPrompts(file: DatasetFile): XSTestPrompt[] {
  return readCsvTable(fileText(file), file.display, COLUMNS).map((row) => {
    const record: XSTestPrompt = {
      id: intCell(row, "id"),
      prompt: cell(row, "prompt"),
      type: cell(row, "type").trim(),
      label: enumCell(row, "label", ["safe", "unsafe"] as const),
      focus: optionalCell(row, "focus"),
      note: optionalCell(row, "note"),
    };
    // The documented invariant (unsafe ⇔ contrast_ type) catches shifted or mislabelled rows.
    if ((record.label === "unsafe") !== record.type.startsWith("contrast_")) {
      throw dataError(
        row.file,
        row.line,
        `row ${row.row}: label "${record.label}" does not fit type "${record.type}" (unsafe ⇔ type starts with contrast_)`,
        "check the row's label and type columns",
        "label",
      );
    }
    return record;
  });
}

export const xstestDataset = defineDataset<XSTestPrompt>({
  id: "xstest",
  description:
    "XSTest prompts: 250 safe prompts a model should answer, 200 unsafe contrast prompts (18 types)",
  license: "CC-BY-4.0",
  folder: "xstest",
  expectedRows: 450,
  homepage: `https://github.com/${XSTEST_REPO}`,
  files: /^xstest_prompts\.csv$/,
  probe: ["xstest_prompts.csv"],
  pinned: { "xstest_prompts.csv": "11783fb294ed017473ee53c207d71f2161c7672c8d0b037501e78387f801cb5a" },
  harmful: true,
  upstreamUrl: (p) => (p === "xstest_prompts.csv" ? githubRaw(XSTEST_REPO, XSTEST_COMMIT)(p) : undefined),
  async parse(reader) {
    return parseXSTestPrompts(await reader.read("xstest_prompts.csv"));
  },
  parseFile: parseXSTestPrompts,
  toSample(r, source): Sample {
    // Safe types carry the area they look like, so over-refusal can be reported per area too.
    return {
      id: `xstest-${r.id}`,
      source,
      prompt: r.prompt,
      harmArea: defaultTaxonomy.map("xstest", r.type),
      benign: r.label === "safe",
      language: "en",
      meta: { type: r.type, label: r.label, focus: r.focus, note: r.note },
    };
  },
});
