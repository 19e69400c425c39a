import { defineConverter } from "./define-converter.js";
import { rewriteWithModel } from "./llm-rewrite.js";

export const paraphraseConverter = defineConverter({
  id: "paraphrase",
  description: "LLM paraphrase: same meaning, different words",
  decodable: false,
  kind: "llm",
  convert: (text, ctx) =>
    rewriteWithModel(text, ctx, {
      converter: "paraphrase",
      instruction:
        "Paraphrase the text: keep its meaning and language, change the wording and sentence structure.",
      temperature: 0.7,
    }),
});
