import { defineConverter } from "./define-converter.js";

/** Latin letters and their Cyrillic/Greek look-alikes (confusables). */
const CONFUSABLES: Readonly<Record<string, readonly string[]>> = {
  a: ["\u0430"],
  c: ["\u0441", "\u03f2"],
  e: ["\u0435"],
  i: ["\u0456"],
  j: ["\u0458"],
  o: ["\u043e", "\u03bf"],
  p: ["\u0440", "\u03c1"],
  s: ["\u0455"],
  x: ["\u0445"],
  y: ["\u0443"],
  A: ["\u0410", "\u0391"],
  B: ["\u0412", "\u0392"],
  C: ["\u0421"],
  E: ["\u0415", "\u0395"],
  H: ["\u041d", "\u0397"],
  I: ["\u0406", "\u0399"],
  K: ["\u041a", "\u039a"],
  M: ["\u041c", "\u039c"],
  O: ["\u041e", "\u039f"],
  P: ["\u0420", "\u03a1"],
  T: ["\u0422", "\u03a4"],
  X: ["\u0425", "\u03a7"],
};

/** Swaps each letter that has a confusable for one of them with probability 1/2 (seeded). */
export const homoglyphConverter = defineConverter({
  id: "homoglyph",
  description: "Unicode confusables: about half the letters swapped for Cyrillic/Greek look-alikes (seeded)",
  decodable: false,
  kind: "pure",
  convert: (text, ctx) =>
    text.replace(/[A-Za-z]/g, (c) => {
      const options = CONFUSABLES[c];
      return options && ctx.rng.bool() ? ctx.rng.pick(options) : c;
    }),
});
