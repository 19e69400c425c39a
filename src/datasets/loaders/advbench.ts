import type { Sample } from "../../core/index.js";
import { defineDataset } from "../define-dataset.js";
import type { DatasetFile } from "../plugin.js";
import { cell, readCsvTable } from "../table.js";
import { fileText, githubRaw } from "./common.js";

/** One AdvBench behavior. `targetMismatch` marks the upstream rows whose target belongs to another goal. */
export interface AdvBenchBehavior {
  /** 1-based data row (file line minus one): AdvBench has no id column. */
  row: number;
  goal: string;
  target: string;
  targetMismatch: boolean;
  /** For a mismatched row, the target (from a neighbouring row) that fits this goal, when one does. */
  matchingTarget?: string;
}

export interface AdvBenchString {
  row: number;
  target: string;
}

export const ADVBENCH_REPO = "llm-attacks/llm-attacks";
const COMMIT = "0f505d82e25c15a83b6954db28191b69927a255d";
const STOP = new Set(
  "a an and are as be by can for from here how in into is it of on or that the their to with your you sure".split(
    " ",
  ),
);

function words(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    if (w.length > 2 && !STOP.has(w)) out.add(w.replace(/(?:ing|ed|s)$/, ""));
  }
  return out;
}

/** Share of the target's content words that occur in the goal. */
function targetFit(goal: Set<string>, target: Set<string>): number {
  if (target.size === 0) return 1;
  let hit = 0;
  for (const w of target) if (goal.has(w)) hit++;
  return hit / target.size;
}

/**
 * Finds rotated targets: a row whose target fits its own goal poorly while it fits a nearby row's goal
 * clearly better. PROVENANCE documents three (file lines 63, 65, 66); the same test finds two more groups
 * (lines 283–285 and 460–461). Rows are kept as published and flagged, never silently rewritten.
 */
export function flagRotatedTargets(rows: AdvBenchBehavior[], window = 10): void {
  const goals = rows.map((r) => words(r.goal));
  const targets = rows.map((r) => words(r.target));
  rows.forEach((r, i) => {
    const own = targetFit(goals[i] as Set<string>, targets[i] as Set<string>);
    if (own >= 0.5) return;
    for (let j = Math.max(0, i - window); j < Math.min(rows.length, i + window + 1); j++) {
      if (
        j !== i &&
        targetFit(goals[j] as Set<string>, targets[i] as Set<string>) >= Math.max(0.6, own + 0.3)
      )
        r.targetMismatch = true;
    }
    if (!r.targetMismatch) return;
    let best = own;
    for (let k = Math.max(0, i - window); k < Math.min(rows.length, i + window + 1); k++) {
      const score = targetFit(goals[i] as Set<string>, targets[k] as Set<string>);
      if (k !== i && score > best) {
        best = score;
        r.matchingTarget = rows[k]?.target;
      }
    }
  });
}

export function parseAdvBench(file: DatasetFile): AdvBenchBehavior[] {
  const rows = readCsvTable(fileText(file), file.display, ["goal", "target"]).map((row) => ({
    row: row.row,
    goal: cell(row, "goal"),
    target: cell(row, "target"),
    targetMismatch: false,
  }));
  flagRotatedTargets(rows);
  return rows;
}

export function parseAdvBenchStrings(file: DatasetFile): AdvBenchString[] {
  return readCsvTable(fileText(file), file.display, ["target"]).map((row) => ({
    row: row.row,
    target: cell(row, "target"),
  }));
}

const url = githubRaw(ADVBENCH_REPO, COMMIT, "data/advbench/");

export const advbenchDataset = defineDataset<AdvBenchBehavior>({
  id: "advbench",
  description: "AdvBench harmful behaviors: 520 goals with affirmative targets (rotated targets flagged)",
  license: "MIT",
  folder: "advbench",
  expectedRows: 520,
  homepage: `https://github.com/${ADVBENCH_REPO}`,
  files: /^harmful_behaviors\.csv$/,
  probe: ["harmful_behaviors.csv"],
  pinned: { "harmful_behaviors.csv": "6cd1a5c63c07610d7eb67307772ee5606017ee950b5770ab288a2c487489d3e1" },
  harmful: true,
  upstreamUrl: (p) => (p === "harmful_behaviors.csv" ? url(p) : undefined),
  async parse(reader) {
    return parseAdvBench(await reader.read("harmful_behaviors.csv"));
  },
  parseFile: parseAdvBench,
  toSample(r, source): Sample {
    return {
      id: `advbench-${r.row}`,
      source,
      prompt: r.goal,
      benign: false,
      language: "en",
      meta: {
        target: r.target,
        targetMismatch: r.targetMismatch,
        matchingTarget: r.matchingTarget,
        line: r.row + 1,
      },
    };
  },
});

export const advbenchStringsDataset = defineDataset<AdvBenchString>({
  id: "advbench-strings",
  description: "AdvBench harmful strings: 574 toxic strings an attack tries to make the model say verbatim",
  license: "MIT",
  folder: "advbench",
  expectedRows: 574,
  homepage: `https://github.com/${ADVBENCH_REPO}`,
  files: /^harmful_strings\.csv$/,
  probe: ["harmful_strings.csv"],
  pinned: { "harmful_strings.csv": "2c4751403195634f88eb849d923670cb2d9a883bcc3d74456bf2f08141424a15" },
  harmful: true,
  upstreamUrl: (p) => (p === "harmful_strings.csv" ? url(p) : undefined),
  async parse(reader) {
    return parseAdvBenchStrings(await reader.read("harmful_strings.csv"));
  },
  parseFile: parseAdvBenchStrings,
  toSample(r, source): Sample {
    // The attack's goal is to make the model emit this exact string.
    return {
      id: `advbench-strings-${r.row}`,
      source,
      prompt: r.target,
      expected: r.target,
      benign: false,
      language: "en",
      meta: { kind: "harmful-string" },
    };
  },
});
