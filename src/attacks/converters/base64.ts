import { decodeError, defineConverter } from "./define-converter.js";
import { utf8Bytes, utf8Text } from "./text-units.js";

export const base64Converter = defineConverter({
  id: "base64",
  description: "UTF-8 bytes as standard base64 (RFC 4648, padded)",
  decodable: true,
  kind: "pure",
  convert: (text) => Buffer.from(utf8Bytes(text)).toString("base64"),
  decode(text) {
    const clean = text.replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) {
      throw decodeError("base64", "not base64 text");
    }
    return utf8Text(Buffer.from(clean, "base64"), "base64");
  },
});
