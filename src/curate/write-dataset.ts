import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Message, sha256Hex } from "../core/index.js";
import {
  type PreferenceFormat,
  type PreferencePair,
  type SftExample,
  type TrainingData,
  toTrainingJsonl,
} from "../training-data/index.js";
import type { CandidatePair, CandidateSft, Provenance } from "./types.js";

export interface WrittenFile {
  /** Relative to the dataset folder. */
  path: string;
  role: "sft" | "preference" | "provenance" | "report";
  split?: "train" | "validation";
  format?: string;
  rows: number;
  sha256: string;
}

/** Writes `<dir>/<name>` through a temporary file, so a crash never leaves a half-written file under it. */
export function writeAtomic(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
  return file;
}

const TURN_MARK = /\n\n(Human|Assistant):/g;

/**
 * HH-RLHF text has no system role and no turn markers inside a turn: the system prompt is folded into the
 * first user turn and markers inside content lose one newline, so every pair can be written as HH.
 */
function hhSafe(p: PreferencePair): PreferencePair {
  const clean = (m: Message): Message => ({ role: m.role, content: m.content.replace(TURN_MARK, "\n$1:") });
  const system = p.prompt.filter((m) => m.role === "system").map((m) => m.content);
  const rest = p.prompt.filter((m) => m.role !== "system").map(clean);
  const first = rest[0];
  if (system.length > 0 && first)
    rest[0] = { role: first.role, content: `${system.join("\n")}\n\n${first.content}` };
  return { prompt: rest, chosen: p.chosen.map(clean), rejected: p.rejected.map(clean) };
}

function provenanceJsonl(rows: ReadonlyArray<{ id: string; provenance: Provenance }>): string {
  return rows.map((r) => `${JSON.stringify({ id: r.id, ...r.provenance })}\n`).join("");
}

function file(
  dir: string,
  name: string,
  text: string,
  meta: Omit<WrittenFile, "path" | "sha256">,
  out: WrittenFile[],
): void {
  writeAtomic(dir, name, text);
  out.push({ path: name, sha256: sha256Hex(text), ...meta });
}

/**
 * Writes one split: SFT rows as OpenAI chat JSONL, pairs in each preference format, and a provenance
 * sidecar per set (line i describes row i). An empty split writes nothing.
 */
export function writeSplit(
  dir: string,
  split: "train" | "validation",
  sft: readonly CandidateSft[],
  pairs: readonly CandidatePair[],
  formats: readonly PreferenceFormat[],
  out: WrittenFile[],
): void {
  if (sft.length > 0) {
    const data: TrainingData = { kind: "sft", format: "openai", rows: sft.map((c): SftExample => c.example) };
    file(
      dir,
      `sft.${split}.jsonl`,
      toTrainingJsonl(data),
      { role: "sft", split, format: "openai", rows: sft.length },
      out,
    );
    file(
      dir,
      `sft.${split}.provenance.jsonl`,
      provenanceJsonl(sft),
      { role: "provenance", split, rows: sft.length },
      out,
    );
  }
  if (pairs.length > 0) {
    for (const format of formats) {
      const rows = pairs.map((c) => (format === "hh" ? hhSafe(c.pair) : c.pair));
      const text = toTrainingJsonl({ kind: "preference", format, rows });
      file(
        dir,
        `dpo.${split}.${format}.jsonl`,
        text,
        { role: "preference", split, format, rows: pairs.length },
        out,
      );
    }
    file(
      dir,
      `dpo.${split}.provenance.jsonl`,
      provenanceJsonl(pairs),
      { role: "provenance", split, rows: pairs.length },
      out,
    );
  }
}
