import type { Command } from "commander";
import { BreakfixError } from "../../core/index.js";
import { type CategoryScheme, categoriesForArea, type Taxonomy } from "../../taxonomy/index.js";
import type { CliContext } from "../context.js";

interface AreaRow {
  id: string;
  name: string;
  source: string;
  /** Whether breakfix.yaml added this area or overrides its texts. */
  configured: boolean;
}

interface AreaDetail extends AreaRow {
  description: string;
  rubric: string;
  categories: Partial<Record<CategoryScheme, string[]>>;
}

export function registerTaxonomyCommands(program: Command, ctx: CliContext): void {
  const taxonomy = program
    .command("taxonomy")
    .description("harm areas and their 0–7 severity rubrics (built-in plus those in breakfix.yaml)");

  taxonomy
    .command("list")
    .description("every harm area: id, name, source")
    .action(async () => {
      const config = await ctx.config();
      const rows: AreaRow[] = config.taxonomy.areas.map((a) => ({
        id: a.id,
        name: a.name,
        source: a.source,
        configured: config.configuredAreas.includes(a.id),
      }));
      ctx.print(rows, formatRows);
    });

  taxonomy
    .command("show <id>")
    .description("an area's description, full 0–7 rubric, and the external categories mapped to it")
    .action(async (id: string) => {
      const config = await ctx.config();
      const area = findArea(config.taxonomy, id);
      const categories = Object.fromEntries(
        Object.entries(categoriesForArea(area.id)).filter(([, list]) => list.length > 0),
      );
      const detail: AreaDetail = {
        id: area.id,
        name: area.name,
        source: area.source,
        configured: config.configuredAreas.includes(area.id),
        description: area.description,
        rubric: config.taxonomy.rubric(area.id),
        categories,
      };
      ctx.print(detail, formatDetail);
    });
}

function findArea(taxonomy: Taxonomy, id: string) {
  if (taxonomy.has(id)) return taxonomy.get(id);
  const ids = taxonomy.areas.map((a) => a.id);
  const close = ids.find((known) => known.startsWith(id) || id.startsWith(known));
  throw new BreakfixError("NOT_FOUND", `unknown harm area "${id}"`, {
    fix: `${close ? `did you mean \`${close}\`? ` : ""}use one of: ${ids.join(", ")} (see \`breakfix taxonomy list\`)`,
  });
}

const sourceLabel = (row: AreaRow): string =>
  row.configured ? (row.source === "custom" ? "config" : `${row.source}, overridden by config`) : row.source;

function formatRows(rows: AreaRow[]): string {
  const idWidth = Math.max(2, ...rows.map((r) => r.id.length));
  const nameWidth = Math.max(4, ...rows.map((r) => r.name.length));
  const line = (id: string, name: string, source: string) =>
    `${id.padEnd(idWidth)}  ${name.padEnd(nameWidth)}  ${source}`.trimEnd();
  return [line("ID", "NAME", "SOURCE"), ...rows.map((r) => line(r.id, r.name, sourceLabel(r)))].join("\n");
}

function formatDetail(d: AreaDetail): string {
  const categories = Object.entries(d.categories).map(([scheme, list]) => `  ${scheme}: ${list.join("; ")}`);
  return [
    `${d.id}: ${d.name} (${sourceLabel(d)})`,
    "",
    d.rubric, // starts with "Name: description", as the judge sees it
    "",
    "External categories mapped here:",
    ...(categories.length > 0 ? categories : ["  (none)"]),
  ].join("\n");
}
