import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { BreakfixError, createRegistry, type Registry } from "../../core/index.js";
import { parsePyritYaml, readInputFile } from "../../datasets/index.js";
import { type AttackTemplate, defineTemplate } from "./attack-template.js";

const TEMPLATE_FIX =
  "write the jailbreak text with {{ prompt }} where the request goes: a .txt file, a YAML file with `value:` (PyRIT) or `template:`, or JSON {name?, template} (or a list of them)";
const EXTENSIONS = /\.(ya?ml|prompt|json|txt)$/i;
/** `{{ prompt }}` in any spacing (PyRIT, Jinja), and the single-brace `{prompt}` of Python format strings. */
const PROMPT_SLOT = /\{\{\s*prompt\s*\}\}|\{prompt\}/g;
const HAS_PROMPT_SLOT = /\{\{\s*prompt\s*\}\}|\{prompt\}/;
const OTHER_SLOT = /\{\{\s*([A-Za-z_]\w*)\s*\}\}|\{%/;

const slug = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^-+|-+$/g, "") || "template";

function bad(file: string, message: string): BreakfixError {
  return new BreakfixError("DATA_INVALID", message, { location: { file }, fix: TEMPLATE_FIX });
}

/** One template from its text: exactly the prompt slot (normalised to `{{ prompt }}`), nothing else to fill. */
function userTemplate(file: string, name: string, text: unknown, description?: unknown): AttackTemplate {
  if (typeof text !== "string" || text.trim() === "") throw bad(file, `template ${name} has no text`);
  if (!HAS_PROMPT_SLOT.test(text)) throw bad(file, `template ${name} has no {{ prompt }} placeholder`);
  const normalised = text.replace(PROMPT_SLOT, "{{ prompt }}");
  const other = OTHER_SLOT.exec(normalised.replaceAll("{{ prompt }}", ""));
  if (other) {
    throw bad(
      file,
      other[1]
        ? `template ${name} has a placeholder besides prompt: {{ ${other[1]} }}`
        : `template ${name} uses Jinja control blocks ({% ... %}), which are not rendered`,
    );
  }
  return defineTemplate({
    id: `template:user/${slug(name)}`,
    description:
      typeof description === "string" && description.trim()
        ? description.trim().split("\n")[0]!
        : `your template ${name}`,
    family: "user",
    slots: "prompt",
    text: normalised,
    source: file,
  });
}

function fromFile(file: string): AttackTemplate[] {
  const text = readInputFile(file, "check the --templates path (a folder or a file)");
  const base = path.basename(file).replace(EXTENSIONS, "");
  if (/\.txt$/i.test(file)) return [userTemplate(file, base, text)];
  let doc: unknown;
  if (/\.json$/i.test(file)) {
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw bad(file, `not valid JSON (${(e as Error).message})`);
    }
  } else doc = parsePyritYaml(text, file).value;
  const entries = Array.isArray(doc) ? doc : [doc];
  return entries.map((entry, i) => {
    if (entry === null || typeof entry !== "object") throw bad(file, `entry ${i + 1} is not a mapping`);
    const e = entry as Record<string, unknown>;
    const name =
      typeof e.name === "string" && e.name.trim() ? e.name : entries.length > 1 ? `${base}-${i + 1}` : base;
    return userTemplate(file, name, e.value ?? e.template ?? e.text, e.description);
  });
}

/** Your jailbreak templates from a file or every template file of a folder (not recursive), ids unique. */
export function readUserTemplates(target: string): AttackTemplate[] {
  let files: string[];
  try {
    files = statSync(target).isDirectory()
      ? readdirSync(target)
          .filter((f) => EXTENSIONS.test(f))
          .sort()
          .map((f) => path.join(target, f))
      : [target];
  } catch (e) {
    throw new BreakfixError("NOT_FOUND", `cannot read ${target}: ${(e as NodeJS.ErrnoException).code ?? e}`, {
      location: { file: target },
      fix: "check the --templates path (a folder or a file)",
    });
  }
  const out: AttackTemplate[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    for (const t of fromFile(file)) {
      const first = seen.get(t.id);
      if (first !== undefined) throw bad(file, `template id ${t.id} is also the name of one in ${first}`);
      seen.set(t.id, file);
      out.push(t);
    }
  }
  if (out.length === 0) throw bad(target, "no template files (.yaml, .yml, .prompt, .json, .txt) found");
  return out;
}

/**
 * The catalog a campaign uses with your templates: a template step that lists no templates runs yours
 * (`list()`), while ids a persona names (`template:breakfix/role-play`, `template:pyrit/...`) still resolve
 * from the full catalog.
 */
export function withUserTemplates(
  user: readonly AttackTemplate[],
  catalog: Registry<AttackTemplate>,
): Registry<AttackTemplate> {
  const own = createRegistry<AttackTemplate>("template");
  for (const t of user) own.register(t);
  return {
    kind: own.kind,
    register: (t) => own.register(t),
    get: (id) => (own.has(id) ? own.get(id) : catalog.get(id)),
    has: (id) => own.has(id) || catalog.has(id),
    list: () => own.list(),
  };
}
