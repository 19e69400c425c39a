import { BreakfixError } from "../core/index.js";
import { BUILTIN_AREAS, type HarmArea } from "./areas.js";
import { type CategoryScheme, mapCategory } from "./mappings.js";
import { renderRubric } from "./severity.js";

/** The harm areas in force: the built-in ones plus any a config adds (or whose texts it overrides). */
export interface Taxonomy {
  readonly areas: readonly HarmArea[];
  has(id: string): boolean;
  get(id: string): HarmArea;
  /** The 0–7 rubric text for an area (what an LLM judge is given). */
  rubric(id: string): string;
  /** Maps an external category to an area id of this taxonomy, or undefined. */
  map(scheme: CategoryScheme, category: string): string | undefined;
}

export function createTaxonomy(extra: readonly HarmArea[] = []): Taxonomy {
  const byId = new Map<string, HarmArea>();
  for (const area of BUILTIN_AREAS) byId.set(area.id, area);
  for (const area of extra) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(area.id)) {
      throw new BreakfixError("CONFIG_INVALID", `Harm area id "${area.id}" is not a kebab-case id`, {
        location: { field: "taxonomy.areas" },
        fix: "use lowercase letters, digits and dashes, e.g. `election-integrity`",
      });
    }
    // A config entry with a built-in id replaces that area's texts: teams tune rubrics to their policy.
    byId.set(area.id, area);
  }
  const areas = [...byId.values()];
  const get = (id: string): HarmArea => {
    const area = byId.get(id);
    if (!area) {
      throw new BreakfixError("NOT_FOUND", `Unknown harm area "${id}"`, {
        fix: `use one of: ${areas.map((a) => a.id).join(", ")}`,
      });
    }
    return area;
  };
  return {
    areas,
    has: (id) => byId.has(id),
    get,
    rubric: (id) => {
      const area = get(id);
      return `${area.name}: ${area.description}\n${renderRubric(area.name, area.bands)}`;
    },
    map: (scheme, category) => {
      const id = mapCategory(scheme, category);
      return id && byId.has(id) ? id : undefined;
    },
  };
}

/** The built-in taxonomy, for code that runs without a config. */
export const defaultTaxonomy: Taxonomy = createTaxonomy();
