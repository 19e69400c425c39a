import { decodeError, defineConverter } from "./define-converter.js";
import { utf8Bytes, utf8Text } from "./text-units.js";

export const binaryConverter = defineConverter({
  id: "binary",
  description: "UTF-8 bytes as space-separated 8-bit binary groups",
  decodable: true,
  kind: "pure",
  convert: (text) => Array.from(utf8Bytes(text), (b) => b.toString(2).padStart(8, "0")).join(" "),
  decode(text) {
    const groups = text.trim() === "" ? [] : text.trim().split(/\s+/);
    const bad = groups.find((g) => !/^[01]{8}$/.test(g));
    if (bad !== undefined) throw decodeError("binary", `"${bad.slice(0, 20)}" is not an 8-bit group`);
    return utf8Text(
      Uint8Array.from(groups, (g) => Number.parseInt(g, 2)),
      "binary",
    );
  },
});
