import { defineConverter } from "./define-converter.js";

const LETTERS =
  ".- -... -.-. -.. . ..-. --. .... .. .--- -.- .-.. -- -. --- .--. --.- .-. ... - ..- ...- .-- -..- -.-- --..".split(
    " ",
  );
const DIGITS = "----- .---- ..--- ...-- ....- ..... -.... --... ---.. ----.".split(" ");
const PUNCTUATION: Readonly<Record<string, string>> = {
  ".": ".-.-.-",
  ",": "--..--",
  "?": "..--..",
  "'": ".----.",
  "!": "-.-.--",
  "/": "-..-.",
  "(": "-.--.",
  ")": "-.--.-",
  "&": ".-...",
  ":": "---...",
  ";": "-.-.-.",
  "=": "-...-",
  "+": ".-.-.",
  "-": "-....-",
  _: "..--.-",
  '"': ".-..-.",
  $: "...-..-",
  "@": ".--.-.",
};

function morseOf(char: string): string {
  const upper = char.toUpperCase();
  const code = upper.charCodeAt(0);
  if (upper.length === 1 && code >= 65 && code <= 90) return LETTERS[code - 65] as string;
  if (upper.length === 1 && code >= 48 && code <= 57) return DIGITS[code - 48] as string;
  // Characters Morse has no code for are kept as they are rather than dropped.
  return PUNCTUATION[char] ?? char;
}

const FROM_MORSE: Readonly<Record<string, string>> = Object.fromEntries([
  ...LETTERS.map((code, i) => [code, String.fromCharCode(97 + i)]),
  ...DIGITS.map((code, i) => [code, String(i)]),
  ...Object.entries(PUNCTUATION).map(([char, code]) => [code, char]),
]);

/** International Morse: letters separated by spaces, words by " / ". Case is lost, so it is not decodable. */
export const morseConverter = defineConverter({
  id: "morse",
  description: "International Morse code (letters by spaces, words by ' / '; unknown characters kept)",
  decodable: false,
  kind: "pure",
  convert: (text) =>
    text
      .split(/\s+/)
      .filter((word) => word !== "")
      .map((word) => Array.from(word, morseOf).join(" "))
      .join(" / "),
  readBack: (text) =>
    text
      .trim()
      .split(/\s*\/\s*/)
      .map((word) =>
        word
          .split(/\s+/)
          .map((code) => FROM_MORSE[code] ?? code)
          .join(""),
      )
      .join(" "),
});
