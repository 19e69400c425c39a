import type { Sample } from "../../core/index.js";
import { defineDataset } from "../define-dataset.js";
import type { DatasetFile, DatasetPlugin } from "../plugin.js";
import { cell, enumCell, optionalCell, readCsvTable } from "../table.js";
import { dataError, fileText, githubRaw, mapArea } from "./common.js";

/** One HarmBench text behavior. Contextual behaviors come with a context passage shown before the request. */
export interface HarmBenchBehavior {
  behaviorId: string;
  behavior: string;
  functionalCategory: "standard" | "contextual" | "copyright";
  semanticCategory: string;
  tags: string[];
  contextString?: string;
}

const COLUMNS = ["Behavior", "FunctionalCategory", "SemanticCategory", "Tags", "ContextString", "BehaviorID"];

export function parseHarmBench(file: DatasetFile): HarmBenchBehavior[] {
  const seen = new Set<string>();
  return readCsvTable(fileText(file), file.display, COLUMNS).map((row) => {
    const functionalCategory = enumCell(row, "FunctionalCategory", [
      "standard",
      "contextual",
      "copyright",
    ] as const);
    const record: HarmBenchBehavior = {
      behaviorId: cell(row, "BehaviorID").trim(),
      behavior: cell(row, "Behavior"),
      functionalCategory,
      semanticCategory: cell(row, "SemanticCategory").trim(),
      tags: (row.values["Tags"] ?? "")
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
      contextString: optionalCell(row, "ContextString"),
    };
    if (functionalCategory === "contextual" && !record.contextString) {
      throw dataError(
        row.file,
        row.line,
        `row ${row.row}: contextual behavior without a ContextString`,
        "fill in ContextString, or set FunctionalCategory to standard",
        "ContextString",
      );
    }
    if (seen.has(record.behaviorId)) {
      throw dataError(
        row.file,
        row.line,
        `row ${row.row}: duplicate BehaviorID ${record.behaviorId}`,
        "give every behavior a unique BehaviorID",
        "BehaviorID",
      );
    }
    seen.add(record.behaviorId);
    return record;
  });
}

/** The prompt as HarmBench builds it: the context, a separator, then the request. */
export function harmBenchPrompt(b: HarmBenchBehavior): string {
  return b.contextString ? `${b.contextString}\n\n---\n\n${b.behavior}` : b.behavior;
}

const REPO = "centerforaisafety/HarmBench";
const SPLITS = {
  all: { rows: 400, commit: "main", sha: "8d81accedd38eaaf8b760618622bb888417d1fd0c86eba65c427a16f1cbb4afc" },
  val: {
    rows: 80,
    commit: "8e1604d1171fe8a48d8febecd22f600e462bdcdd",
    sha: "7bfaaa5e2b9b95002c89e2d33c019f58e9e8496e2fc65d368f1eeb8179e69534",
  },
  test: {
    rows: 320,
    commit: "8e1604d1171fe8a48d8febecd22f600e462bdcdd",
    sha: "75d257b3e7428c52eb7b0154318f455af3e01b09a3794b5e2f3d36054f3c0e29",
  },
} as const;

function harmBenchSplit(split: keyof typeof SPLITS): DatasetPlugin<HarmBenchBehavior> {
  const info = SPLITS[split];
  const fileName = `harmbench_behaviors_text_${split}.csv`;
  return defineDataset<HarmBenchBehavior>({
    id: split === "all" ? "harmbench" : `harmbench-${split}`,
    description: `HarmBench text behaviors (${split === "all" ? "all 400: val + test" : `official ${split} split`}): standard, contextual and copyright`,
    license: "MIT",
    folder: "harmbench",
    expectedRows: info.rows,
    homepage: `https://github.com/${REPO}`,
    files: new RegExp(`^${fileName.replace(/\./g, "\\\\.")}$`),
    probe: [fileName],
    pinned: { [fileName]: info.sha },
    harmful: true,
    upstreamUrl: (p) =>
      p === fileName ? githubRaw(REPO, info.commit, "data/behavior_datasets/")(p) : undefined,
    async parse(reader) {
      return parseHarmBench(await reader.read(fileName));
    },
    parseFile: parseHarmBench,
    toSample(r, source): Sample {
      return {
        id: `harmbench-${r.behaviorId}`,
        source,
        prompt: harmBenchPrompt(r),
        harmArea: mapArea("harmbench", [r.semanticCategory]),
        benign: false,
        language: "en",
        meta: {
          behaviorId: r.behaviorId,
          behavior: r.behavior,
          functionalCategory: r.functionalCategory,
          category: r.semanticCategory,
          tags: r.tags,
          contextString: r.contextString,
          split,
        },
      };
    },
  });
}

/** All 400 text behaviors (val + test). */
export const harmbenchDataset = harmBenchSplit("all");
export const harmbenchDatasets = [harmbenchDataset, harmBenchSplit("val"), harmBenchSplit("test")];
