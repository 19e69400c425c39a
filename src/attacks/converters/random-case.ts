import { defineConverter } from "./define-converter.js";

/** Each cased letter becomes upper or lower case at random (seeded). */
export const randomCaseConverter = defineConverter({
  id: "random-case",
  description: "random capitalisation of each letter (seeded)",
  decodable: false,
  kind: "pure",
  convert: (text, ctx) =>
    Array.from(text, (c) => (ctx.rng.bool() ? c.toUpperCase() : c.toLowerCase())).join(""),
});
