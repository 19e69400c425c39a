// Look-alike letters (Cyrillic, Greek) and leetspeak digits folded onto ASCII so obfuscated copies match.
export const CONFUSABLES: Readonly<Record<string, string>> = {
  а: "a",
  η: "h",
  μ: "m",
  ϲ: "c",
  в: "b",
  е: "e",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  і: "i",
  ј: "j",
  ѕ: "s",
  α: "a",
  β: "b",
  ε: "e",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
};

/** The letter look-alikes only: digits stay digits. */
const LETTERS_ONLY: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(CONFUSABLES).filter(([k]) => /\p{L}/u.test(k)),
);

/** Cyrillic and Greek look-alike letters folded onto ASCII: "Руthоn" → "python" (lower case). */
export function foldLookalikes(text: string): string {
  return Array.from(text.toLowerCase(), (c) => LETTERS_ONLY[c] ?? c).join("");
}
