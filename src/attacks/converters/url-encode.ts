import { decodeError, defineConverter } from "./define-converter.js";

/** Percent-encodes every byte outside RFC 3986's unreserved set (so spaces and punctuation are hidden too). */
export const urlEncodeConverter = defineConverter({
  id: "url",
  description: "percent-encoding of every UTF-8 byte outside A–Z a–z 0–9 - _ . ~",
  decodable: true,
  kind: "pure",
  convert: (text) =>
    encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
  decode(text) {
    try {
      return decodeURIComponent(text);
    } catch {
      throw decodeError("url", "malformed percent-encoding");
    }
  },
});
