import { forEachJsonObjectLine, readInputFile, rowError } from "../datasets/index.js";
import { parsePreferenceRow, parseSftRow } from "../training-data/index.js";
import type { CandidatePair, CandidateSft, FixCandidates, Provenance } from "./types.js";

/**
 * Candidates as JSONL, one per line: `{"type":"sft","id","messages","provenance"}` or
 * `{"type":"pair","id","prompt","chosen","rejected","provenance"}` (TRL's conversational shape). What
 * `data import-preferences` writes and `data curate --candidates` reads.
 */
export function candidatesToJsonl(c: {
  sft: readonly CandidateSft[];
  pairs: readonly CandidatePair[];
}): string {
  const sft = c.sft.map((s) => ({
    type: "sft",
    id: s.id,
    messages: s.example.messages,
    provenance: s.provenance,
  }));
  const pairs = c.pairs.map((p) => ({ type: "pair", id: p.id, ...p.pair, provenance: p.provenance }));
  return [...sft, ...pairs].map((r) => `${JSON.stringify(r)}\n`).join("");
}

const FIX = "write candidates with `breakfix data import-preferences` (one JSON object per line)";

function provenanceOf(value: unknown, place: { file: string; line: number }): Provenance {
  const p = value as Partial<Provenance> | undefined;
  if (
    !p ||
    typeof p !== "object" ||
    typeof p.kind !== "string" ||
    typeof p.harmArea !== "string" ||
    typeof p.generator !== "string"
  ) {
    throw rowError(place, "provenance must give kind, harmArea and generator", FIX, "provenance");
  }
  return { language: "und", round: 0, source: "candidates", judgeScores: [], ...p } as Provenance;
}

export function readCandidatesFile(file: string): FixCandidates {
  const text = readInputFile(file, "check the --candidates path");
  const out: FixCandidates = { sft: [], pairs: [], dropped: [], warnings: [] };
  forEachJsonObjectLine(text, file, FIX, (row, place) => {
    const id = typeof row.id === "string" ? row.id : `${file}#${place.line}`;
    const provenance = provenanceOf(row.provenance, place);
    if (row.type === "sft") out.sft.push({ id, example: parseSftRow(row, place), provenance });
    else if (row.type === "pair")
      out.pairs.push({ id, pair: parsePreferenceRow(row, "trl", place), provenance });
    else throw rowError(place, `type must be "sft" or "pair", got ${JSON.stringify(row.type)}`, FIX, "type");
  });
  return out;
}
