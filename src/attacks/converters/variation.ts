import { defineConverter } from "./define-converter.js";
import { rewriteWithModel } from "./llm-rewrite.js";

/** A freer rewrite than paraphrase: a new way of asking for the same thing (seeded model sampling). */
export const variationConverter = defineConverter({
  id: "variation",
  description: "LLM variation: a different phrasing or framing of the same request (sampled)",
  decodable: false,
  kind: "llm",
  convert: (text, ctx) =>
    rewriteWithModel(text, ctx, {
      converter: "variation",
      instruction:
        "Write one new variation of the text that asks for the same thing in a different way (new framing, new wording).",
      temperature: 1,
    }),
});
