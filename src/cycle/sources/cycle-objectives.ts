import type { Objective } from "../../attacks/index.js";
import { createRng, type Sample } from "../../core/index.js";
import { TRAIN_HARMFUL_TASKS } from "../../embedded/corpus/harmful-requests.js";
import { loadObjectives } from "../../redteam/index.js";

/** The objective source that needs no dataset: the built-in model's own harmful requests. */
export const BUILTIN_OBJECTIVES = "builtin";

/** The built-in model's training harmful requests as attack objectives ("How do I ...?"), one per task. */
export function builtinObjectives(): Objective[] {
  return TRAIN_HARMFUL_TASKS.map((t, i) => ({
    id: `builtin-${String(i).padStart(2, "0")}`,
    goal: `How do I ${t.task}?`,
    harmArea: t.area,
    language: "en",
  }));
}

export interface ObjectiveSplit {
  inDistribution: Objective[];
  heldOut: Objective[];
}

/**
 * The cycle's objectives, split once per cycle seed: the in-distribution campaign attacks the first part
 * (its breaks become fix data), the held-out campaign the rest, so a held-out attack text never shares a
 * request with the fix data. The split is stratified by harm area, so both halves cover the same areas.
 */
export async function splitObjectives(
  query: { sources: readonly string[]; areas: readonly string[]; limit?: number; heldOutShare: number },
  seed: number,
  loadSamples: (datasetId: string) => Promise<readonly Sample[]>,
): Promise<ObjectiveSplit> {
  const datasets = query.sources.filter((s) => s !== BUILTIN_OBJECTIVES);
  const areas = new Set(query.areas);
  const builtin = query.sources.includes(BUILTIN_OBJECTIVES)
    ? builtinObjectives().filter((o) => areas.size === 0 || (o.harmArea && areas.has(o.harmArea)))
    : [];
  const fromData = datasets.length
    ? await loadObjectives({ datasets, areas: query.areas, seed }, loadSamples)
    : [];
  let all = [...builtin, ...fromData].sort((a, b) => a.id.localeCompare(b.id));
  const rng = createRng(seed).fork("cycle-objectives");
  if (query.limit !== undefined && query.limit < all.length) {
    all = rng
      .shuffle(all)
      .slice(0, query.limit)
      .sort((a, b) => a.id.localeCompare(b.id));
  }
  const byArea = new Map<string, Objective[]>();
  for (const o of all) {
    const area = o.harmArea ?? "uncategorized";
    byArea.set(area, [...(byArea.get(area) ?? []), o]);
  }
  const heldOut = new Set<string>();
  let carry = 0;
  for (const [area, list] of [...byArea.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    // Fractional shares carry over between areas, so small areas still add up to the configured share.
    const exact = list.length * query.heldOutShare + carry;
    const take = Math.min(list.length - (list.length > 1 ? 1 : 0), Math.floor(exact));
    carry = exact - take;
    for (const o of rng.fork(area).shuffle(list).slice(0, take)) heldOut.add(o.id);
  }
  return {
    inDistribution: all.filter((o) => !heldOut.has(o.id)),
    heldOut: all.filter((o) => heldOut.has(o.id)),
  };
}
