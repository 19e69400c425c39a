import { defineConverter } from "./define-converter.js";
import { mapAsciiLetters } from "./text-units.js";

const rot13 = (text: string): string => mapAsciiLetters(text, (offset) => (offset + 13) % 26);

export const rot13Converter = defineConverter({
  id: "rot13",
  description: "ROT13 on ASCII letters (its own inverse)",
  decodable: true,
  kind: "pure",
  convert: rot13,
  decode: rot13,
});
