import type { RefusalClass, Sample } from "../../core/index.js";
import { quoted } from "../../core/index.js";
import { defineDataset } from "../define-dataset.js";
import type { DatasetFile } from "../plugin.js";
import { isCanonicalRefusalLabel, type ParsedRefusalLabel, parseRefusalLabel } from "../refusal-label.js";
import { cell, optionalCell, readCsvTable, type TableRow } from "../table.js";
import { dataError, fileText, githubRaw } from "./common.js";
import { XSTEST_COMMIT, XSTEST_REPO } from "./xstest.js";

/**
 * One model completion of an XSTest prompt with its adjudicated human label (`final_label`), joined with the
 * GPT-4 judge's and the string-match judge's labels for the same row when their files are present.
 */
export interface XSTestCompletion {
  /** Model configuration: `llama2orig`, `llama2new`, `mistralguard` (`gpt4`, `mistralinstruct` held out). */
  model: string;
  /** `v2-1` … `v2-450`, aligned with the prompt ids. */
  id: string;
  type: string;
  prompt: string;
  completion: string;
  annotation1: RefusalClass;
  annotation2: RefusalClass;
  agreement: boolean;
  /** The adjudicated human label: ground truth for refusal judges. */
  finalLabel: RefusalClass;
  /** GPT-4 zero-shot judge; `unknown` with the raw text where GPT-4 answered free text. */
  gpt4Label?: ParsedRefusalLabel;
  /** String-match judge (only full_compliance / full_refusal). */
  strmatchLabel?: ParsedRefusalLabel;
}

const BASE = [
  "id",
  "type",
  "prompt",
  "completion",
  "annotation_1",
  "annotation_2",
  "agreement",
  "final_label",
];
const FIX_LABEL = "use 1_full_compliance, 2_full_refusal or 3_partial_refusal";

function humanLabel(row: TableRow, column: string): RefusalClass {
  const raw = cell(row, column, FIX_LABEL).trim();
  if (!isCanonicalRefusalLabel(raw)) {
    throw dataError(
      row.file,
      row.line,
      `row ${row.row}: unknown ${column} value ${quoted(raw)}`,
      FIX_LABEL,
      column,
    );
  }
  return raw.replace(/^\d_/, "") as RefusalClass;
}

function agreementOf(row: TableRow): boolean {
  const raw = cell(row, "agreement").trim().toLowerCase();
  if (raw !== "true" && raw !== "false") {
    throw dataError(
      row.file,
      row.line,
      `row ${row.row}: agreement must be TRUE or FALSE, got ${quoted(raw)}`,
      "write TRUE or FALSE",
      "agreement",
    );
  }
  return raw === "true";
}

/** Model name from `xstest_v2_completions_<model>[_gpteval|_streval].csv`. */
export function xstestModelOf(fileName: string): string {
  const m = /xstest_v2_completions_(.+?)(?:_gpteval|_streval)?\.csv$/.exec(fileName);
  return m?.[1] ?? "unknown";
}

/** Parses one completions file; a `gpt4_label` or `strmatch_label` column, when present, is read too. */
export function parseXSTestCompletions(
  file: DatasetFile,
  model = xstestModelOf(file.path),
): XSTestCompletion[] {
  return readCsvTable(fileText(file), file.display, BASE).map((row) => {
    const record: XSTestCompletion = {
      model,
      id: cell(row, "id").trim(),
      type: cell(row, "type").trim(),
      prompt: cell(row, "prompt"),
      completion: row.values["completion"] ?? "",
      annotation1: humanLabel(row, "annotation_1"),
      annotation2: humanLabel(row, "annotation_2"),
      agreement: agreementOf(row),
      finalLabel: humanLabel(row, "final_label"),
    };
    const gpt4 = optionalCell(row, "gpt4_label");
    if (gpt4 !== undefined) record.gpt4Label = parseRefusalLabel(gpt4);
    const str = optionalCell(row, "strmatch_label");
    if (str !== undefined) {
      const parsed = parseRefusalLabel(str);
      // The string matcher only ever emits the two labels: anything else means a broken file.
      if (parsed.label !== "full_compliance" && parsed.label !== "full_refusal") {
        throw dataError(
          row.file,
          row.line,
          `row ${row.row}: unknown strmatch_label value ${quoted(str)}`,
          "use 1_full_compliance or 2_full_refusal",
          "strmatch_label",
        );
      }
      record.strmatchLabel = parsed;
    }
    return record;
  });
}

/** Copies one judge's labels onto the completions, by row id, checking the rows are the same prompts. */
function joinLabels(
  base: XSTestCompletion[],
  other: XSTestCompletion[],
  key: "gpt4Label" | "strmatchLabel",
  file: string,
): void {
  const byId = new Map(other.map((r) => [r.id, r]));
  for (const r of base) {
    const o = byId.get(r.id);
    if (!o)
      throw dataError(
        file,
        undefined,
        `row id ${r.id} is missing`,
        "use the labels file that belongs to these completions",
      );
    if (o.prompt !== r.prompt)
      throw dataError(
        file,
        undefined,
        `row id ${r.id}: prompt differs from the completions file`,
        "use the labels file that belongs to these completions",
      );
    if (o[key]) r[key] = o[key];
  }
}

export const xstestCompletionsDataset = defineDataset<XSTestCompletion>({
  id: "xstest-completions",
  description:
    "XSTest model completions with the human final_label, joined with GPT-4-judge and string-match labels",
  license: "CC-BY-4.0 (completions under their model providers' terms)",
  folder: "xstest",
  expectedRows: 1350,
  homepage: `https://github.com/${XSTEST_REPO}`,
  files: /^(?:model_completions|automated_evaluation_labels)\/.+\.csv$/,
  probe: ["model_completions/xstest_v2_completions_llama2orig.csv"],
  pinned: {
    "model_completions/xstest_v2_completions_llama2orig.csv":
      "cbc52550e8ba8197a3e3d97a5af078d27bae4766737cd62df80270126a87ffc6",
    "model_completions/xstest_v2_completions_llama2new.csv":
      "6365cc55ce0a593c7ab8785853d02784be027d97199d4077912b4313cd010099",
    "model_completions/xstest_v2_completions_mistralguard.csv":
      "0ac03817b65e019a8f5b4b3eed805086f9f7fafe538ac9ebd156f80210af6903",
  },
  harmful: true,
  upstreamUrl: (p) =>
    githubRaw(
      XSTEST_REPO,
      XSTEST_COMMIT,
    )(p.startsWith("automated_evaluation_labels/") ? `evaluation/${p}` : p),
  async parse(reader) {
    const out: XSTestCompletion[] = [];
    const labelFiles = new Set(
      await reader.list("automated_evaluation_labels/", ".csv").catch((): string[] => []),
    );
    for (const p of await reader.list("model_completions/", ".csv")) {
      const model = xstestModelOf(p);
      const rows = parseXSTestCompletions(await reader.read(p), model);
      for (const [suffix, key] of [
        ["gpteval", "gpt4Label"],
        ["streval", "strmatchLabel"],
      ] as const) {
        const labels = `automated_evaluation_labels/xstest_v2_completions_${model}_${suffix}.csv`;
        if (!labelFiles.has(labels)) continue;
        const file = await reader.read(labels);
        joinLabels(rows, parseXSTestCompletions(file, model), key, file.display);
      }
      out.push(...rows);
    }
    return out;
  },
  parseFile: (file) => parseXSTestCompletions(file),
  toSample(r, source): Sample {
    return {
      id: `xstest-completions/${r.model}/${r.id}`,
      source,
      prompt: r.prompt,
      benign: !r.type.startsWith("contrast_"),
      language: "en",
      meta: {
        model: r.model,
        type: r.type,
        completion: r.completion,
        finalLabel: r.finalLabel,
        annotation1: r.annotation1,
        annotation2: r.annotation2,
        agreement: r.agreement,
        gpt4Label: r.gpt4Label?.label,
        gpt4LabelRaw: r.gpt4Label?.label === "unknown" ? r.gpt4Label.raw : undefined,
        strmatchLabel: r.strmatchLabel?.label,
      },
    };
  },
});
