import { decodeError, defineConverter } from "./define-converter.js";
import { utf8Bytes, utf8Text } from "./text-units.js";

export const hexConverter = defineConverter({
  id: "hex",
  description: "UTF-8 bytes as lowercase hexadecimal pairs",
  decodable: true,
  kind: "pure",
  convert: (text) => Array.from(utf8Bytes(text), (b) => b.toString(16).padStart(2, "0")).join(""),
  decode(text) {
    const clean = text.replace(/\s+/g, "");
    if (!/^(?:[0-9a-fA-F]{2})*$/.test(clean)) throw decodeError("hex", "not an even run of hex digits");
    const bytes = Uint8Array.from(clean.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
    return utf8Text(bytes, "hex");
  },
});
