import { defineConverter } from "./define-converter.js";
import { rewriteWithModel } from "./llm-rewrite.js";

/** Names for common codes, so the model gets "Zulu" rather than "zu"; other values are used as given. */
const LANGUAGES: Readonly<Record<string, string>> = {
  ar: "Arabic",
  bn: "Bengali",
  de: "German",
  es: "Spanish",
  fr: "French",
  gd: "Scottish Gaelic",
  hi: "Hindi",
  it: "Italian",
  ja: "Japanese",
  jv: "Javanese",
  ko: "Korean",
  pt: "Portuguese",
  ru: "Russian",
  sw: "Swahili",
  th: "Thai",
  vi: "Vietnamese",
  zh: "Chinese",
  zu: "Zulu",
};

export const languageName = (code: string): string => LANGUAGES[code.toLowerCase()] ?? code;

/** Low-resource-language translation attack (Yong et al.): `translate:zu`, `translate:fr`, ... */
export const translateConverter = defineConverter({
  id: "translate",
  description: "LLM translation into a language: translate:<code or name> (e.g. translate:zu)",
  decodable: false,
  kind: "llm",
  parameter: {
    name: "language",
    example: "fr",
    check: (v) =>
      /^[A-Za-z][A-Za-z-]{1,30}$/.test(v) ? undefined : "expected a language code or name, e.g. fr",
  },
  convert: (text, ctx) =>
    rewriteWithModel(text, ctx, {
      converter: `translate:${ctx.param}`,
      instruction: `Translate the text into ${languageName(ctx.param ?? "")}, keeping its meaning exactly.`,
      temperature: 0,
    }),
});
