import type { Provenance } from "./types.js";

export interface SetCounts {
  train: number;
  validation: number;
  byArea: Record<string, number>;
  bySource: Record<string, number>;
  byLanguage: Record<string, number>;
  byKind: Record<string, number>;
}

function tally(into: Record<string, number>, key: string): void {
  into[key] = (into[key] ?? 0) + 1;
}

/** Counts of one set (SFT or preference) by area, source, language and kind, over both splits. */
export function countSet(
  train: ReadonlyArray<{ provenance: Provenance }>,
  validation: ReadonlyArray<{ provenance: Provenance }>,
): SetCounts {
  const out: SetCounts = {
    train: train.length,
    validation: validation.length,
    byArea: {},
    bySource: {},
    byLanguage: {},
    byKind: {},
  };
  for (const { provenance: p } of [...train, ...validation]) {
    tally(out.byArea, p.harmArea);
    tally(out.bySource, sourceFamily(p));
    tally(out.byLanguage, p.language);
    tally(out.byKind, p.kind);
  }
  return out;
}

/** A source without its run id or file row: `redteam`, `bench`, `lookalike-families`, `hh-rlhf`, ... */
function sourceFamily(p: Provenance): string {
  return p.source.split(":")[0] ?? p.source;
}
