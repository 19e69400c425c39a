import path from "node:path";
import { BreakfixError, lastUserText, type Sample } from "../core/index.js";
import { readCustomFile, readInputFile } from "../datasets/index.js";
import { areaByKeywords } from "../taxonomy/index.js";

/**
 * An objective source names a file (rather than a dataset id or `builtin`) when it has a path separator or
 * a data-file extension: `mine.jsonl`, `./goals.txt`, `/data/asks.csv`.
 */
export const looksLikeObjectivesFile = (source: string): boolean =>
  /[\\/]/.test(source) || /\.(jsonl|json|csv|txt)$/i.test(source);

/**
 * Your own objectives as samples: a `.txt` file holds one goal per line (blank lines and `#` comments
 * skipped); JSONL or CSV rows are those of the bench's custom file (`goal` or `prompt`, optional `id`,
 * `harm_area`, `language`, `label`; benign rows are no objectives). Ids are `<file name>#<row id>`. A goal
 * without a harm area gets the preference import's keyword area (`meta.areaFrom: "keywords"`), so per-area
 * results, the cycle's stratified split and fix data have one where the words tell.
 */
export function readObjectivesFile(file: string): Sample[] {
  const name = path.basename(file);
  const source = `file:${name}`;
  if (file.toLowerCase().endsWith(".txt")) {
    const text = readInputFile(
      file,
      "check the --objectives path (a dataset id, builtin, or a .txt/.jsonl/.csv file)",
    );
    const samples: Sample[] = [];
    text.split(/\r?\n/).forEach((line, i) => {
      const goal = line.trim();
      if (goal !== "" && !goal.startsWith("#"))
        samples.push(withArea({ id: `${name}#line-${i + 1}`, source, prompt: goal }));
    });
    if (samples.length === 0) {
      throw new BreakfixError("DATA_INVALID", `${file} has no objectives`, {
        location: { file },
        fix: "write one goal per line",
      });
    }
    return samples;
  }
  return readCustomFile(file).map((r) =>
    withArea({
      id: `${name}#${r.id}`,
      source,
      prompt: r.goal ?? (typeof r.prompt === "string" ? r.prompt : lastUserText(r.prompt)),
      benign: r.benign,
      ...(r.harmArea === undefined ? {} : { harmArea: r.harmArea }),
      ...(r.language === undefined ? {} : { language: r.language }),
    }),
  );
}

function withArea(s: Sample): Sample {
  if (s.harmArea !== undefined || s.benign || typeof s.prompt !== "string") return s;
  const area = areaByKeywords(s.prompt);
  return area === undefined ? s : { ...s, harmArea: area, meta: { ...s.meta, areaFrom: "keywords" } };
}

/** A dataset loader that also reads objective files (see `looksLikeObjectivesFile`). */
export function withObjectiveFiles(
  loadDataset: (id: string) => Promise<readonly Sample[]>,
): (source: string) => Promise<readonly Sample[]> {
  return async (source) =>
    looksLikeObjectivesFile(source) ? readObjectivesFile(source) : loadDataset(source);
}
