import { median, type Rng } from "../core/index.js";
import type { Candidate } from "./example-text.js";
import type { RemovedExample } from "./removal.js";

function byArea<T extends Candidate>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const c of items) {
    const g = groups.get(c.provenance.harmArea);
    if (g) g.push(c);
    else groups.set(c.provenance.harmArea, [c]);
  }
  return groups;
}

/** Twice the median area size: one heavily attacked area cannot crowd out the rest, small ones stay whole. */
export function defaultAreaCap(items: readonly Candidate[]): number {
  const sizes = [...byArea(items).values()].map((g) => g.length);
  return sizes.length === 0 ? 0 : Math.max(1, Math.ceil(2 * median(sizes)));
}

/** Caps every harm area at `cap` examples (a seeded sample); the rest are reported as `balance` removals. */
export function capPerArea<T extends Candidate>(
  items: readonly T[],
  cap: number,
  set: RemovedExample["set"],
  rng: Rng,
): { kept: T[]; removed: RemovedExample[] } {
  const keep = new Set<T>();
  for (const [area, group] of byArea(items)) {
    for (const c of rng.fork(area).shuffle(group).slice(0, cap)) keep.add(c);
  }
  return {
    kept: items.filter((c) => keep.has(c)),
    removed: items
      .filter((c) => !keep.has(c))
      .map((c) => ({
        id: c.id,
        set,
        kind: c.provenance.kind,
        harmArea: c.provenance.harmArea,
        reason: "balance",
      })),
  };
}

/**
 * The first `n` examples taking areas in turn (each area's order seeded): shrinking the safety share this
 * way keeps the areas as balanced as they were.
 */
export function roundRobinByArea<T extends Candidate>(items: readonly T[], n: number, rng: Rng): T[] {
  const queues = [...byArea(items).entries()].map(([area, g]) => rng.fork(area).shuffle(g));
  const out: T[] = [];
  for (let i = 0; out.length < n && queues.some((q) => i < q.length); i++) {
    for (const q of queues) {
      const c = q[i];
      if (c && out.length < n) out.push(c);
    }
  }
  return out;
}
