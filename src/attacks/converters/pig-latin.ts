import { defineConverter } from "./define-converter.js";

function pigLatinWord(word: string): string {
  const lower = word.toLowerCase();
  const firstVowel = lower.search(/[aeiou]/);
  const moved = firstVowel <= 0 ? lower : `${lower.slice(firstVowel)}${lower.slice(0, firstVowel)}`;
  const out = firstVowel === 0 ? `${moved}way` : `${moved}ay`;
  return /^[A-Z]/.test(word) ? `${out[0]?.toUpperCase()}${out.slice(1)}` : out;
}

/** Pig Latin on runs of ASCII letters: "hello world" → "ellohay orldway"; a leading capital is kept. */
export const pigLatinConverter = defineConverter({
  id: "pig-latin",
  description: "Pig Latin (hello → ellohay, apple → appleway)",
  decodable: false,
  kind: "pure",
  convert: (text) => text.replace(/[A-Za-z]+/g, pigLatinWord),
});
