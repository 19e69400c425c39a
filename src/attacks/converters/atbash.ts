import { defineConverter } from "./define-converter.js";
import { mapAsciiLetters } from "./text-units.js";

const atbash = (text: string): string => mapAsciiLetters(text, (offset) => 25 - offset);

export const atbashConverter = defineConverter({
  id: "atbash",
  description: "Atbash cipher on ASCII letters (a↔z, b↔y; its own inverse)",
  decodable: true,
  kind: "pure",
  convert: atbash,
  decode: atbash,
});
