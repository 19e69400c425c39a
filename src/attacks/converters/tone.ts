import { defineConverter } from "./define-converter.js";
import { rewriteWithModel } from "./llm-rewrite.js";

/** Rewrites in a tone: `tone:formal`, `tone:casual`, `tone:academic`, `tone:urgent`, ... */
export const toneConverter = defineConverter({
  id: "tone",
  description: "LLM tone change: tone:<tone> (formal, casual, academic, urgent, ...; default formal)",
  decodable: false,
  kind: "llm",
  parameter: {
    name: "tone",
    default: "formal",
    example: "academic",
    check: (v) => (/^[a-z][a-z-]{1,30}$/.test(v) ? undefined : "expected a lowercase tone word, e.g. formal"),
  },
  convert: (text, ctx) =>
    rewriteWithModel(text, ctx, {
      converter: `tone:${ctx.param ?? "formal"}`,
      instruction: `Rewrite the text in this tone: ${ctx.param ?? "formal"}. Keep its meaning and language.`,
      temperature: 0.3,
    }),
});
