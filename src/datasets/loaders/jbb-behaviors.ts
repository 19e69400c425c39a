import type { Sample } from "../../core/index.js";
import { defineDataset } from "../define-dataset.js";
import type { DatasetFile } from "../plugin.js";
import { cell, intCell, readCsvTable } from "../table.js";
import { dataError, fileText, mapArea } from "./common.js";

/** One JBB-Behaviors row: a harmful behavior, or its topic-matched benign twin (same index and category). */
export interface JbbBehavior {
  kind: "harmful" | "benign";
  index: number;
  goal: string;
  target: string;
  behavior: string;
  category: string;
  source: string;
}

export const JBB_HF = "https://huggingface.co/datasets/JailbreakBench/JBB-Behaviors/resolve/main/data/";
const COLUMNS = ["Index", "Goal", "Target", "Behavior", "Category", "Source"];

export function parseJbbBehaviors(
  file: DatasetFile,
  kind = /benign/i.test(file.path) ? "benign" : "harmful",
): JbbBehavior[] {
  return readCsvTable(fileText(file), file.display, COLUMNS).map((row) => ({
    kind: kind as JbbBehavior["kind"],
    index: intCell(row, "Index"),
    goal: cell(row, "Goal"),
    target: cell(row, "Target"),
    behavior: cell(row, "Behavior").trim(),
    category: cell(row, "Category").trim(),
    source: cell(row, "Source").trim(),
  }));
}

export const jbbBehaviorsDataset = defineDataset<JbbBehavior>({
  id: "jbb-behaviors",
  description:
    "JailbreakBench behaviors: 100 harmful goals and their 100 topic-matched benign twins (10 categories)",
  license: "MIT",
  folder: "jailbreakbench",
  expectedRows: 200,
  homepage: "https://huggingface.co/datasets/JailbreakBench/JBB-Behaviors",
  files: /^JBB-Behaviors\/(?:harmful|benign)-behaviors\.csv$/,
  probe: ["JBB-Behaviors/harmful-behaviors.csv"],
  pinned: {
    "JBB-Behaviors/harmful-behaviors.csv": "4a8ec6832056b631eb092dccc60d37a61c3d441268268888b3d006288afeffa1",
    "JBB-Behaviors/benign-behaviors.csv": "3cda234d21a991fa309bbfea4b6d9dae31ccdf8e9d452424b6a983e4fdc33468",
  },
  harmful: true,
  upstreamUrl: (p) =>
    p.startsWith("JBB-Behaviors/") ? JBB_HF + p.slice("JBB-Behaviors/".length) : undefined,
  async parse(reader) {
    const harmful = parseJbbBehaviors(await reader.read("JBB-Behaviors/harmful-behaviors.csv"), "harmful");
    const benignFile = await reader.read("JBB-Behaviors/benign-behaviors.csv");
    const benign = parseJbbBehaviors(benignFile, "benign");
    const byIndex = new Map(harmful.map((h) => [h.index, h]));
    for (const b of benign) {
      // The twins are paired by index; a benign row without its harmful twin means the files are mismatched.
      const twin = byIndex.get(b.index);
      if (!twin || twin.category !== b.category) {
        throw dataError(
          benignFile.display,
          undefined,
          `benign Index ${b.index} has no harmful twin with category ${b.category}`,
          "use the benign and harmful files of the same JBB-Behaviors release",
        );
      }
    }
    return [...harmful, ...benign];
  },
  parseFile: (file) => parseJbbBehaviors(file),
  toSample(r, source): Sample {
    return {
      id: `jbb-${r.kind}-${r.index}`,
      source,
      prompt: r.goal,
      // Benign twins keep their topic's area so over-refusal can be reported per area; `benign` tells them apart.
      harmArea: mapArea("jbb", [r.category]),
      benign: r.kind === "benign",
      language: "en",
      meta: {
        index: r.index,
        target: r.target,
        behavior: r.behavior,
        category: r.category,
        origin: r.source,
        twin: `jbb-${r.kind === "benign" ? "harmful" : "benign"}-${r.index}`,
      },
    };
  },
});
