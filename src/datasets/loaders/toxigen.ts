import type { Sample } from "../../core/index.js";
import { defaultTaxonomy } from "../../taxonomy/index.js";
import { defineDataset } from "../define-dataset.js";
import type { DatasetFile } from "../plugin.js";
import { dataError, fileText, githubRaw } from "./common.js";

/** One ToxiGen demonstration sentence; the file name gives its label and target group. */
export interface ToxiGenSentence {
  /** Group family folder: `race`, `religion`, `disability`, ... (empty for a loose user file). */
  family: string;
  group: string;
  label: "hate" | "neutral";
  text: string;
  /** File stem and line, e.g. `race/hate_asian_sentences` line 3. */
  file: string;
  line: number;
}

export function parseToxiGenFile(file: DatasetFile): ToxiGenSentence[] {
  const stem = file.path.replace(/\.txt$/, "");
  const base = stem.replace(/^.*\//, "");
  const m = /^(hate|neutral)_(.+?)(?:_sentences)?$/.exec(base);
  if (!m) {
    throw dataError(
      file.display,
      undefined,
      `file name ${base}.txt does not say hate_ or neutral_`,
      "name demonstration files hate_<group>.txt or neutral_<group>.txt",
    );
  }
  const family = stem.includes("/") ? (stem.split("/").slice(-2)[0] as string) : "";
  const out: ToxiGenSentence[] = [];
  fileText(file)
    .split("\n")
    .forEach((raw, i) => {
      const text = raw.replace(/\r$/, "").trim();
      if (text !== "")
        out.push({
          family,
          group: m[2] as string,
          label: m[1] as "hate" | "neutral",
          text,
          file: stem.replace(/^demonstrations\//, ""),
          line: i + 1,
        });
    });
  if (out.length === 0)
    throw dataError(file.display, 1, "file is empty (no sentences)", "write one sentence per line");
  return out;
}

export const toxigenDataset = defineDataset<ToxiGenSentence>({
  id: "toxigen",
  description:
    "ToxiGen demonstrations: 627 author-written hateful and neutral sentences about 13 minority groups",
  license: "CDLA-Permissive-2.0",
  folder: "toxigen",
  expectedRows: 627,
  homepage: "https://github.com/microsoft/TOXIGEN",
  files: /^demonstrations\/.+\.txt$/,
  probe: ["demonstrations/race/hate_asian_sentences.txt"],
  pinned: {},
  harmful: true,
  upstreamUrl: githubRaw("microsoft/TOXIGEN", "01517e814639e0334c920a3c502036c8158aac87"),
  async parse(reader) {
    const out: ToxiGenSentence[] = [];
    for (const p of await reader.list("demonstrations/", ".txt"))
      out.push(...parseToxiGenFile(await reader.read(p)));
    return out;
  },
  parseFile: parseToxiGenFile,
  toSample(r, source): Sample {
    // The whole set is about hate speech: hateful lines are in the hate area, neutral ones are benign.
    return {
      id: `toxigen/${r.file}/${r.line}`,
      source,
      prompt: r.text,
      harmArea: r.label === "hate" && defaultTaxonomy.has("hate-fairness") ? "hate-fairness" : undefined,
      benign: r.label === "neutral",
      language: "en",
      meta: { label: r.label, group: r.group, family: r.family, category: `${r.label}_${r.group}` },
    };
  },
});
