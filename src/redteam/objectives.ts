import type { Objective } from "../attacks/index.js";
import { BreakfixError, createRng, type Sample } from "../core/index.js";

export interface ObjectiveQuery {
  /** Dataset ids to draw objectives from (harmbench, jbb-behaviors, advbench, pyrit-seeds, multijail, ...). */
  datasets: readonly string[];
  /** Keep only these harm areas (taxonomy ids); empty or absent keeps all. */
  areas?: readonly string[];
  /** Keep only these languages; samples without one count as `en`. */
  languages?: readonly string[];
  /** At most this many objectives, a seeded choice (stable for a seed, whatever the load order). */
  limit?: number;
  seed: number;
}

/** The language of an objective whose dataset does not say: the English-only sets. */
export const DEFAULT_LANGUAGE = "en";

/**
 * Harmful requests from datasets as attack objectives: benign samples (JBB twins, XSTest safe prompts) and
 * samples that are conversations rather than one request are left out; area and language filters apply,
 * then a seeded sample of `limit`. The result is sorted by id, so a run's plan does not depend on the
 * order datasets load in.
 */
export async function loadObjectives(
  query: ObjectiveQuery,
  loadSamples: (datasetId: string) => Promise<readonly Sample[]>,
): Promise<Objective[]> {
  if (query.datasets.length === 0) {
    throw new BreakfixError("USAGE", "no objective datasets given", {
      fix: "name at least one dataset, e.g. --objectives harmbench (see `breakfix data list`)",
    });
  }
  const areas = new Set(query.areas ?? []);
  const languages = new Set(query.languages ?? []);
  const byId = new Map<string, Objective>();
  for (const datasetId of query.datasets) {
    for (const s of await loadSamples(datasetId)) {
      if (s.benign || typeof s.prompt !== "string" || s.prompt.trim() === "") continue;
      const language = s.language ?? DEFAULT_LANGUAGE;
      if (areas.size > 0 && !(s.harmArea && areas.has(s.harmArea))) continue;
      if (languages.size > 0 && !languages.has(language)) continue;
      byId.set(s.id, {
        id: s.id,
        goal: s.prompt,
        ...(s.harmArea ? { harmArea: s.harmArea } : {}),
        language,
      });
    }
  }
  const all = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  if (all.length === 0) {
    const filters = [
      areas.size ? `areas ${[...areas].join(", ")}` : "",
      languages.size ? `languages ${[...languages].join(", ")}` : "",
    ].filter(Boolean);
    throw new BreakfixError(
      "USAGE",
      `no harmful objectives in ${query.datasets.join(", ")}${filters.length ? ` with ${filters.join(" and ")}` : ""}`,
      { fix: "widen --area/--language (see `breakfix taxonomy list`), or pick other --objectives datasets" },
    );
  }
  if (query.limit === undefined || query.limit >= all.length) return all;
  const chosen = createRng(query.seed).fork("objectives").shuffle(all).slice(0, query.limit);
  return chosen.sort((a, b) => a.id.localeCompare(b.id));
}
