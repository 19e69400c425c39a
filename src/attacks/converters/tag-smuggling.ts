import { defineConverter } from "./define-converter.js";

const TAG_BASE = 0xe0000;

/**
 * Printable ASCII mapped into the invisible Unicode tag block (U+E0020–U+E007E), so the text is hidden from
 * people but not from tokenizers. Other characters pass through, so decoding is exact for any text that
 * holds no tag characters to begin with.
 */
export const tagSmugglingConverter = defineConverter({
  id: "tag-smuggling",
  description: "printable ASCII hidden as invisible Unicode tag characters (U+E0020–U+E007E)",
  decodable: true,
  kind: "pure",
  convert: (text) => text.replace(/[\x20-\x7e]/g, (c) => String.fromCodePoint(TAG_BASE + c.charCodeAt(0))),
  decode: (text) =>
    text.replace(/[\u{e0020}-\u{e007e}]/gu, (c) =>
      String.fromCharCode((c.codePointAt(0) as number) - TAG_BASE),
    ),
});
