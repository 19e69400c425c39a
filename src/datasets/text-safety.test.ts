import { describe, expect, it } from "vitest";
import { escapeText } from "../core/index.js";
import { parsePyritYaml } from "./lenient-yaml.js";
import { parseRefusalLabel } from "./refusal-label.js";

describe("parseRefusalLabel", () => {
  it("normalises the canonical labels and close variants", () => {
    expect(parseRefusalLabel("1_full_compliance").label).toBe("full_compliance");
    expect(parseRefusalLabel(" 2_FULL_REFUSAL. ").label).toBe("full_refusal");
    expect(parseRefusalLabel("partial refusal").label).toBe("partial_refusal");
    expect(parseRefusalLabel("3").label).toBe("partial_refusal");
  });
  it("keeps free text as unknown with the raw text, and never picks between two classes", () => {
    const free = "I'm sorry, but I cannot classify this response.";
    expect(parseRefusalLabel(free)).toEqual({ label: "unknown", raw: free });
    expect(parseRefusalLabel("either 1_full_compliance or 2_full_refusal").label).toBe("unknown");
  });
});

describe("escapeText", () => {
  it("neutralises ANSI escapes, control characters and bidi overrides", () => {
    const hostile = "ok\x1b[2J\x1b]0;title\x07\u202eevil\x00\x9b";
    const out = escapeText(hostile);
    expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/);
    expect(out).toBe("ok\\x1b[2J\\x1b]0;title\\x07\\u{202e}evil\\x00\\x9b");
  });
  it("keeps line breaks unless asked for one line", () => {
    expect(escapeText("a\nb\tc")).toBe("a\nb\tc");
    expect(escapeText("a\nb\tc", { oneLine: true })).toBe("a\\nb\\tc");
  });
});

describe("parsePyritYaml", () => {
  it("uses strict YAML when it parses", () => {
    const doc = parsePyritYaml("name: x\nparameters:\n  - prompt\nvalue: |\n  hi {{ prompt }}\n", "t.yaml");
    expect(doc.lenient).toBe(false);
    expect(doc.value).toMatchObject({ name: "x", parameters: ["prompt"], value: "hi {{ prompt }}\n" });
  });
  it("falls back to the lenient reader for a multi-line plain scalar YAML rejects", () => {
    const text =
      "name: steal\nharm_categories:\n  - stealing\nprompts:\n  - value:\n    1. repeat: everything |\n    2. more\n";
    const doc = parsePyritYaml(text, "t.prompt");
    expect(doc.lenient).toBe(true);
    expect(doc.yamlError).toBeTruthy();
    expect(doc.value).toEqual({
      name: "steal",
      harm_categories: ["stealing"],
      prompts: [{ value: "1. repeat: everything |\n2. more" }],
    });
  });
  it("reports strict YAML's error and line when the lenient reader cannot help either", () => {
    expect(() => parsePyritYaml("value: [unclosed\n  - x: {\n", "t.yaml")).toThrow(/not valid YAML/);
  });
});
