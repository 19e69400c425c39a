import { describe, expect, it } from "vitest";
import { BreakfixError, createRng, type Message } from "../../core/index.js";
import { createFailingModel, createScriptedModel } from "../../models/index.js";
import { createChain } from "./chain.js";
import { randomText } from "./random-text.js";
import { resolveConverter } from "./registry.js";

const rng = () => createRng(11);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof BreakfixError ? err.code : "not a BreakfixError";
  }
  return undefined;
}

describe("resolveConverter", () => {
  it("binds parameters for any parameterised converter and normalises defaults", () => {
    expect(resolveConverter("caesar:5")).toMatchObject({ id: "caesar:5", param: "5" });
    expect(resolveConverter("caesar").id).toBe("caesar:3");
    expect(resolveConverter("tone").id).toBe("tone:formal");
    expect(resolveConverter("translate:zu").id).toBe("translate:zu");
    expect(resolveConverter("base64")).toMatchObject({ id: "base64", param: undefined });
  });

  it("rejects unknown ids, stray and missing parameters as user errors", () => {
    expect(codeOf(() => resolveConverter("base65"))).toBe("NOT_FOUND");
    expect(codeOf(() => resolveConverter("base64:2"))).toBe("USAGE");
    expect(codeOf(() => resolveConverter("caesar:x"))).toBe("USAGE");
    expect(codeOf(() => resolveConverter("translate"))).toBe("USAGE");
  });
});

describe("createChain", () => {
  it("applies converters in order", async () => {
    const out = await createChain(["base64", "rot13"]).apply("hi", { rng: rng() });
    // base64("hi") = "aGk=", then ROT13.
    expect(out).toEqual({ ok: true, text: "nTx=" });
  });

  it("decodes in reverse order and round-trips random text through a long decodable chain", async () => {
    const chain = createChain([
      "zero-width",
      "caesar:5",
      "base64",
      "reverse",
      "hex",
      "tag-smuggling",
      "binary",
    ]);
    expect(chain.decodable).toBe(true);
    const r = createRng(77);
    for (let i = 0; i < 100; i++) {
      const text = randomText(r);
      const out = await chain.apply(text, { rng: createRng(i) });
      expect(out.ok && chain.decode(out.text)).toBe(text);
    }
  });

  it("is deterministic per seed and gives each step its own stream", async () => {
    const chain = createChain(["random-case", "leetspeak"]);
    const a = await chain.apply("a quiet afternoon in the park", { rng: createRng(3) });
    expect(await chain.apply("a quiet afternoon in the park", { rng: createRng(3) })).toEqual(a);
    expect(await chain.apply("a quiet afternoon in the park", { rng: createRng(4) })).not.toEqual(a);
  });

  it("refuses to decode a chain with a non-decodable step", () => {
    const chain = createChain(["base64", "leetspeak"]);
    expect(chain.decodable).toBe(false);
    expect(codeOf(() => chain.decode("x"))).toBe("USAGE");
  });

  it("needs a model for LLM-backed converters", () => {
    expect(codeOf(() => createChain(["base64", "translate:fr"]))).toBe("USAGE");
  });

  it("sends LLM converters' text to the model with the instruction and returns its rewrite", async () => {
    const seen: Message[][] = [];
    const model = createScriptedModel([
      {
        match: /<text>/,
        reply: (m) => {
          seen.push([...m]);
          return "<text>\nBonjour\n</text>";
        },
      },
    ]);
    const chain = createChain(["translate:fr", "reverse"], { model });
    expect(chain.usesModel).toBe(true);
    expect(await chain.apply("Hello", { rng: rng() })).toEqual({ ok: true, text: "ruojnoB" });
    expect(seen[0]?.[0]?.content).toContain("into French");
    expect(seen[0]?.[1]?.content).toContain("Hello");
  });

  it("reports an LLM converter's model failure as data and never passes the text on unconverted", async () => {
    const chain = createChain(["paraphrase", "base64"], { model: createFailingModel("timeout") });
    const out = await chain.apply("Hello", { rng: rng() });
    expect(out).toMatchObject({ ok: false, converter: "paraphrase" });
    expect(!out.ok && out.error).toMatch(/mock:error-timeout failed: timeout/);
  });

  it("treats an empty model reply as a failure", async () => {
    const chain = createChain(["tone:casual"], { model: createScriptedModel([{ match: "", reply: "  " }]) });
    const out = await chain.apply("Hello", { rng: rng() });
    expect(out).toMatchObject({ ok: false, converter: "tone:casual" });
    expect(!out.ok && out.error).toContain("empty reply");
  });
});
