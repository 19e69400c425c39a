import type { Sample } from "../../core/index.js";
import { quoted } from "../../core/index.js";
import { defineDataset } from "../define-dataset.js";
import type { DatasetFile } from "../plugin.js";
import { cell, intCell, readCsvTable, type TableRow } from "../table.js";
import { dataError, fileText } from "./common.js";
import { JBB_HF } from "./jbb-behaviors.js";

/** One JBB judge-comparison row: a (goal, prompt, response) with three human jailbreak labels and four judges'. */
export interface JbbJudgeComparison {
  index: number;
  goal: string;
  prompt: string;
  targetResponse: string;
  humans: [number, number, number];
  humanMajority: number;
  judges: { harmbench: number; gpt4: number; llamaguard2: number; llama3: number };
}

const JUDGE_COLUMNS = ["harmbench_cf", "gpt4_cf", "llamaguard2_cf", "llama3_cf"] as const;
const COLUMNS = [
  "Index",
  "goal",
  "prompt",
  "target_response",
  "human1",
  "human2",
  "human3",
  "human_majority",
  ...JUDGE_COLUMNS,
];

function bit(row: TableRow, column: string): number {
  const v = cell(row, column).trim();
  if (v !== "0" && v !== "1")
    throw dataError(
      row.file,
      row.line,
      `row ${row.row}: ${column} must be 0 or 1, got ${quoted(v)}`,
      "write 1 (jailbroken) or 0 (not)",
      column,
    );
  return Number(v);
}

/**
 * Upstream's file is Mac Roman; `judge-comparison.utf8.csv` is the same text re-encoded as UTF-8. A file that
 * is valid UTF-8 is read as UTF-8 (Mac Roman text with accents almost never is), anything else as Mac Roman.
 */
export function parseJbbJudgeComparison(file: DatasetFile): JbbJudgeComparison[] {
  const encoding = /\.utf8\.csv$/.test(file.path) || isUtf8(file.bytes) ? "utf8" : "macroman";
  return readCsvTable(fileText(file, encoding), file.display, COLUMNS).map((row) => ({
    index: intCell(row, "Index"),
    goal: cell(row, "goal"),
    prompt: cell(row, "prompt"),
    targetResponse: row.values["target_response"] ?? "",
    humans: [bit(row, "human1"), bit(row, "human2"), bit(row, "human3")],
    humanMajority: bit(row, "human_majority"),
    judges: {
      harmbench: bit(row, "harmbench_cf"),
      gpt4: bit(row, "gpt4_cf"),
      llamaguard2: bit(row, "llamaguard2_cf"),
      llama3: bit(row, "llama3_cf"),
    },
  }));
}

export const jbbJudgeComparisonDataset = defineDataset<JbbJudgeComparison>({
  id: "jbb-judge-comparison",
  description:
    "JailbreakBench judge comparison: 300 responses with 3 human jailbreak labels and 4 reference judges (held out of the shared copy)",
  license: "MIT",
  folder: "jailbreakbench",
  expectedRows: 300,
  homepage: "https://huggingface.co/datasets/JailbreakBench/JBB-Behaviors",
  files: /^JBB-Behaviors\/judge-comparison(?:\.utf8)?\.csv$/,
  probe: ["JBB-Behaviors/judge-comparison.utf8.csv", "JBB-Behaviors/judge-comparison.csv"],
  // No sha256 pin is published for this file, so it is not downloaded automatically.
  pinned: {},
  harmful: true,
  upstreamUrl: (p) =>
    p === "JBB-Behaviors/judge-comparison.csv" ? `${JBB_HF}judge-comparison.csv` : undefined,
  async parse(reader) {
    const utf8 = "JBB-Behaviors/judge-comparison.utf8.csv";
    const present = await reader.list("JBB-Behaviors/", ".csv").catch((): string[] => []);
    return parseJbbJudgeComparison(
      await reader.read(present.includes(utf8) ? utf8 : "JBB-Behaviors/judge-comparison.csv"),
    );
  },
  parseFile: parseJbbJudgeComparison,
  toSample(r, source): Sample {
    return {
      id: `jbb-judge-comparison-${r.index}`,
      source,
      prompt: r.prompt,
      benign: false,
      language: "en",
      meta: {
        goal: r.goal,
        response: r.targetResponse,
        humans: r.humans,
        humanMajority: r.humanMajority,
        judges: r.judges,
      },
    };
  },
});

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
