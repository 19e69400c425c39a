import type { Rng } from "../../core/index.js";

/**
 * Characters for property tests: ASCII, whitespace, Latin-1, Greek, Cyrillic, CJK, Arabic, combining marks,
 * zero-width characters and astral emoji (including a ZWJ sequence and a variation selector). Every string
 * built from them is well-formed UTF-16.
 */
const POOL = [
  ..."abcXYZ019 .,!?'\"{}%$\\/+=-_~",
  "\n",
  "\t",
  ..."éßñÅø",
  ..."αβΩ",
  ..."жЯщ",
  ..."漢字中",
  ..."مرحبا",
  "\u0301",
  "\u200b",
  "\u200d",
  "😀",
  "🏳️‍🌈",
  "👍🏽",
  "𝔘",
];

export function randomText(rng: Rng, maxLength = 24): string {
  const length = rng.range(0, maxLength);
  let out = "";
  for (let i = 0; i < length; i++) out += rng.pick(POOL);
  return out;
}
