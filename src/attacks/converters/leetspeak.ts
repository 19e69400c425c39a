import { defineConverter } from "./define-converter.js";

const SUBSTITUTES: Readonly<Record<string, readonly string[]>> = {
  a: ["4", "@"],
  b: ["8"],
  e: ["3"],
  g: ["9", "6"],
  i: ["1", "!"],
  l: ["1", "|"],
  o: ["0"],
  s: ["5", "$"],
  t: ["7", "+"],
  z: ["2"],
};

/** Replaces every letter that has a leet form; the rng picks among the alternatives. */
export const leetspeakConverter = defineConverter({
  id: "leetspeak",
  description: "leetspeak: a→4/@, e→3, i→1/!, o→0, s→5/$, t→7/+ ... (seeded choice among forms)",
  decodable: false,
  kind: "pure",
  convert: (text, ctx) =>
    text.replace(/[A-Za-z]/g, (c) => {
      const options = SUBSTITUTES[c.toLowerCase()];
      return options ? ctx.rng.pick(options) : c;
    }),
});
