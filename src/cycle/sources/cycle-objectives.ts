import type { Objective } from "../../attacks/index.js";
import { createRng, type Sample } from "../../core/index.js";
import { fillTemplate, HARMFUL_TEMPLATES, TRAIN_HARMFUL_TASKS } from "../../embedded/index.js";
import { loadObjectives, withObjectiveFiles } from "../../redteam/index.js";

/** The objective source that needs no dataset: the built-in model's own harmful requests. */
export const BUILTIN_OBJECTIVES = "builtin";

/** Phrasings per built-in task: several asks of one request, so fix data is not tied to one wording. */
const PHRASINGS = 3;

/**
 * The built-in model's training harmful requests as attack objectives, each task asked in three of its
 * training phrasings (`builtin-07~2`: task 7, phrasing 2). The part before `~` is the objective's group:
 * the held-out split never separates a task's phrasings.
 */
export function builtinObjectives(): Objective[] {
  return TRAIN_HARMFUL_TASKS.flatMap((t, i) =>
    Array.from({ length: PHRASINGS }, (_, k) => ({
      id: `builtin-${String(i).padStart(2, "0")}~${k}`,
      goal: fillTemplate(HARMFUL_TEMPLATES[(i + k * 5) % HARMFUL_TEMPLATES.length] as string, {
        task: t.task,
      }),
      harmArea: t.area,
      language: "en",
    })),
  );
}

/** The built-in objectives as samples, for loaders that take objectives from samples (`redteam run`). */
export const builtinObjectiveSamples = (): Sample[] =>
  builtinObjectives().map((o) => ({
    id: o.id,
    source: BUILTIN_OBJECTIVES,
    prompt: o.goal,
    ...(o.harmArea ? { harmArea: o.harmArea } : {}),
    language: o.language ?? "en",
  }));

/** The split unit of an objective: ids of one request asked several ways share the part before `~`. */
const groupOf = (o: Objective): string => o.id.split("~")[0] as string;

export interface ObjectiveSplit {
  inDistribution: Objective[];
  heldOut: Objective[];
}

/**
 * The cycle's objectives (`builtin`, dataset ids, objective files), split once per cycle seed: the in-distribution campaign attacks the first part
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
    ? await loadObjectives({ datasets, areas: query.areas, seed }, withObjectiveFiles(loadSamples))
    : [];
  let all = [...builtin, ...fromData].sort((a, b) => a.id.localeCompare(b.id));
  const rng = createRng(seed).fork("cycle-objectives");
  if (query.limit !== undefined && query.limit < all.length) {
    all = rng
      .shuffle(all)
      .slice(0, query.limit)
      .sort((a, b) => a.id.localeCompare(b.id));
  }
  // Whole groups (a request and its phrasings) go to one side; groups are split stratified by harm area.
  const groups = new Map<string, Objective[]>();
  for (const o of all) groups.set(groupOf(o), [...(groups.get(groupOf(o)) ?? []), o]);
  const byArea = new Map<string, string[]>();
  for (const [group, members] of groups) {
    const area = members[0]?.harmArea ?? "uncategorized";
    byArea.set(area, [...(byArea.get(area) ?? []), group]);
  }
  const heldOutGroups = new Set<string>();
  let carry = 0;
  for (const [area, list] of [...byArea.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    // Fractional shares carry over between areas, so small areas still add up to the configured share.
    const exact = list.length * query.heldOutShare + carry;
    const take = Math.min(list.length - (list.length > 1 ? 1 : 0), Math.floor(exact));
    carry = exact - take;
    for (const g of rng.fork(area).shuffle(list).slice(0, take)) heldOutGroups.add(g);
  }
  const heldOut = new Set(all.filter((o) => heldOutGroups.has(groupOf(o))).map((o) => o.id));
  return {
    inDistribution: all.filter((o) => !heldOut.has(o.id)),
    heldOut: all.filter((o) => heldOut.has(o.id)),
  };
}
