import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fromHfTokenizerJson } from "./index.js";

/**
 * Parity with Hugging Face's Rust `tokenizers` (an outside oracle): fixtures/hf-parity.py encoded 308
 * strings (contractions, every kind of Unicode whitespace, combining marks, scripts, emoji, literal special
 * tokens) with a tokenizer.json this engine trained and exported; the engine must produce the same ids.
 */
interface ParityFixture {
  generator: string;
  tokenizer: unknown;
  cases: Array<{ text: string; ids: number[]; decoded: string }>;
}

const fixture = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "fixtures", "hf-parity.json"), "utf8"),
) as ParityFixture;
const tokenizer = fromHfTokenizerJson(fixture.tokenizer, "hf-parity.json");

describe(`tokenizer parity with Hugging Face (${fixture.generator})`, () => {
  it("encodes every string to the same ids (special tokens parsed, as transformers does by default)", () => {
    expect(fixture.cases.length).toBeGreaterThan(300);
    for (const c of fixture.cases)
      expect(tokenizer.encode(c.text, { allowSpecial: true }), c.text).toEqual(c.ids);
  });

  it("decodes the ids to the same text, which is the original text", () => {
    for (const c of fixture.cases) {
      expect(tokenizer.decode(c.ids)).toBe(c.decoded);
      expect(c.decoded).toBe(c.text);
    }
  });

  it("differs from Hugging Face only by leaving literal special-token text ordinary unless asked", () => {
    const withSpecials = fixture.cases.filter((c) => c.ids.some((id) => tokenizer.isSpecial(id)));
    expect(withSpecials.length).toBeGreaterThan(10);
    for (const c of withSpecials) {
      const ids = tokenizer.encode(c.text);
      expect(ids.some((id) => tokenizer.isSpecial(id))).toBe(false);
      expect(tokenizer.decode(ids)).toBe(c.text);
    }
  });
});
