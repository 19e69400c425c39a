import { createRng } from "../core/index.js";

/** A seeded hold-out split: `fraction` of the rows (at least one when asked for any) become validation. */
export function splitValidation<T>(
  rows: readonly T[],
  fraction: number,
  seed: number,
): { train: T[]; validation: T[] } {
  const count = fraction > 0 && rows.length > 1 ? Math.max(1, Math.round(rows.length * fraction)) : 0;
  const order = createRng(seed)
    .fork("validation")
    .shuffle(rows.map((_, i) => i));
  const held = new Set(order.slice(0, count));
  return { train: rows.filter((_, i) => !held.has(i)), validation: rows.filter((_, i) => held.has(i)) };
}
