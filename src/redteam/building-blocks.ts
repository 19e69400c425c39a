import { z } from "zod";
import {
  builtinTemplateRegistry,
  converterRegistry,
  loadTemplateCatalog,
  type SkippedTemplate,
  strategyRegistry,
} from "../attacks/index.js";
import { BreakfixError, escapeText } from "../core/index.js";
import type { LoadOptions } from "../datasets/index.js";
import { personaRegistry } from "./persona-registry.js";

// The red-team building blocks as `breakfix list` shows them: rows for --json, tables for people.

export interface ConverterRow {
  /** `caesar:<shift>` for parameterised converters. */
  id: string;
  description: string;
  kind: "pure" | "llm";
  decodable: boolean;
  parameter?: { name: string; default?: string; example: string };
}

export interface StrategyRow {
  id: string;
  description: string;
  needsAttacker: boolean;
  /** JSON Schema of the strategy's options. */
  options: Record<string, unknown>;
}

export interface TemplateRow {
  id: string;
  family: string;
  description: string;
}

export interface TemplateListing {
  templates: TemplateRow[];
  skipped: SkippedTemplate[];
  /** Why the shared templates are missing from the list, when they are. */
  sharedUnavailable?: string;
}

/** Every converter, with its parameter (`caesar:<shift>`) when it takes one. */
export function converterRows(): ConverterRow[] {
  return converterRegistry.list().map((c) => ({
    id: c.parameter ? `${c.id}:<${c.parameter.name}>` : c.id,
    description: c.description,
    kind: c.kind,
    decodable: c.decodable,
    ...(c.parameter
      ? { parameter: { name: c.parameter.name, default: c.parameter.default, example: c.parameter.example } }
      : {}),
  }));
}

/** Every attack strategy with its options as JSON Schema. */
export function strategyRows(): StrategyRow[] {
  return strategyRegistry.list().map((s) => ({
    id: s.id,
    description: s.description,
    needsAttacker: s.needsAttacker,
    options: z.toJSONSchema(s.optionsSchema, { io: "input" }) as Record<string, unknown>,
  }));
}

/** Every registered persona, each step saying whether it needs an attacker model. */
export function personaRows() {
  return personaRegistry.list().map((p) => ({
    id: p.id,
    description: p.description,
    budget: p.budget,
    stopOnSuccess: p.stopOnSuccess,
    steps: p.steps.map((s) => ({ ...s, needsAttacker: strategyRegistry.get(s.strategy).needsAttacker })),
  }));
}

/** The usable jailbreak templates and the unusable ones; without the shared dataset, the built-ins alone. */
export async function templateListing(
  datasets: LoadOptions,
  warn: (message: string) => void,
): Promise<TemplateListing> {
  const rows = (templates: { id: string; family: string; description: string }[]): TemplateRow[] =>
    templates.map((t) => ({ id: t.id, family: t.family, description: t.description }));
  try {
    const catalog = await loadTemplateCatalog(datasets);
    return { templates: rows(catalog.registry.list()), skipped: catalog.skipped };
  } catch (err) {
    // Without the shared dataset the built-in templates still work; say why the others are missing.
    if (!(err instanceof BreakfixError) || err.code !== "NOT_FOUND") throw err;
    warn(`warning: shared jailbreak templates not loaded: ${escapeText(err.toLine(), { oneLine: true })}`);
    return {
      templates: rows(builtinTemplateRegistry().list()),
      skipped: [],
      sharedUnavailable: err.toLine(),
    };
  }
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

export function formatConverters(rows: ConverterRow[]): string {
  return table(
    ["ID", "KIND", "DECODABLE", "DESCRIPTION"],
    rows.map((r) => [r.id, r.kind, r.decodable ? "yes" : "no", r.description]),
  );
}

function describeOptions(schema: Record<string, unknown>): string {
  const props = (schema["properties"] ?? {}) as Record<string, { default?: unknown }>;
  const parts = Object.entries(props).map(([name, p]) =>
    p.default === undefined ? name : `${name}=${JSON.stringify(p.default)}`,
  );
  return parts.length === 0 ? "(none)" : parts.join(", ");
}

export function formatStrategies(rows: StrategyRow[]): string {
  const main = table(
    ["ID", "ATTACKER", "DESCRIPTION"],
    rows.map((r) => [r.id, r.needsAttacker ? "needed" : "-", r.description]),
  );
  const options = rows.map((r) => `  ${r.id}: ${describeOptions(r.options)}`);
  return [main, "", "Options (name=default):", ...options].join("\n");
}

export function formatPersonas(
  rows: {
    id: string;
    description: string;
    budget: number;
    steps: { strategy: string; options: Record<string, unknown>; budget: number; needsAttacker: boolean }[];
  }[],
): string {
  const out: string[] = [];
  for (const p of rows) {
    out.push(`${p.id}: ${p.description} (at most ${p.budget} queries per objective)`);
    for (const s of p.steps) {
      const options = Object.keys(s.options).length ? ` ${JSON.stringify(s.options)}` : "";
      out.push(
        `  ${s.strategy}${options}: ${s.budget} quer${s.budget === 1 ? "y" : "ies"}${s.needsAttacker ? " (needs --attacker)" : ""}`,
      );
    }
  }
  out.push(
    "",
    "Custom personas: --persona <file.yaml|json> with id, description, steps: [{strategy, options, budget}].",
  );
  return out.join("\n");
}

export function formatTemplates(listing: TemplateListing): string {
  const oneLine = (s: string) => escapeText(s, { oneLine: true });
  const out = [
    table(
      ["ID", "FAMILY", "DESCRIPTION"],
      listing.templates.map((t) => [oneLine(t.id), t.family, oneLine(t.description)]),
    ),
  ];
  if (listing.skipped.length > 0) {
    out.push("", `Not usable (${listing.skipped.length}), never sent:`);
    for (const s of listing.skipped) out.push(`  ${oneLine(s.id)}: ${oneLine(s.reason)}`);
  }
  out.push("", `${listing.templates.length} usable templates.`);
  return out.join("\n");
}
