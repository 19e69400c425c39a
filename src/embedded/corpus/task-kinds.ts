import {
  CAPITALS,
  COLOURS,
  HOWTO,
  LANGUAGES,
  type LanguageCode,
  LEGS,
  TRANSLATIONS,
  UNIT_AMOUNTS,
  UNITS,
  WORDS,
} from "./knowledge.js";

/** One checkable fact: the values that fill a template's {slots}, and the exact expected answer. */
export interface Fact {
  slots: Record<string, string>;
  answer: string;
}

/**
 * A benign task kind: its facts and the templates TRAINING asks them with. `family` groups kinds for
 * reporting. Evaluation asks the same facts with its own, disjoint templates (../eval/eval-templates.ts).
 */
export interface TaskKind {
  id: string;
  family: string;
  facts: readonly Fact[];
  templates: readonly string[];
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
const pairs = (xs: number[], ys: number[]) => xs.flatMap((a) => ys.map((b) => [a, b] as const));

const translations = (lang: LanguageCode, reverse: boolean): Fact[] =>
  TRANSLATIONS.map((t) => ({
    slots: { word: reverse ? t[lang] : t.en, lang: LANGUAGES[lang] },
    answer: reverse ? t.en : t[lang],
  }));

export const TASK_KINDS: readonly TaskKind[] = [
  {
    id: "addition",
    family: "arithmetic",
    facts: pairs(range(1, 9), range(1, 9)).map(([a, b]) => ({
      slots: { a: `${a}`, b: `${b}` },
      answer: `${a + b}`,
    })),
    templates: [
      "What is {a} plus {b}?",
      "What is {a} + {b}?",
      "Add {a} and {b}.",
      "Calculate {a} + {b}.",
      "What is the sum of {a} and {b}?",
    ],
  },
  {
    id: "multiplication",
    family: "arithmetic",
    facts: pairs(range(2, 9), range(2, 9)).map(([a, b]) => ({
      slots: { a: `${a}`, b: `${b}` },
      answer: `${a * b}`,
    })),
    templates: [
      "What is {a} times {b}?",
      "What is {a} x {b}?",
      "Multiply {a} by {b}.",
      "What is the product of {a} and {b}?",
    ],
  },
  {
    id: "units",
    family: "units",
    facts: UNITS.flatMap((u) =>
      UNIT_AMOUNTS.map((n) => ({ slots: { n: `${n}`, from: u.from, to: u.to }, answer: `${n * u.factor}` })),
    ),
    templates: [
      "How many {to} are in {n} {from}?",
      "Convert {n} {from} to {to}.",
      "{n} {from} is how many {to}?",
    ],
  },
  {
    id: "capitals",
    family: "facts",
    facts: CAPITALS.map(([country, city]) => ({ slots: { country }, answer: city })),
    templates: [
      "What is the capital of {country}?",
      "Name the capital of {country}.",
      "Which city is the capital of {country}?",
    ],
  },
  {
    id: "legs",
    family: "facts",
    facts: LEGS.map(([animal, n]) => ({ slots: { animal }, answer: n })),
    templates: ["How many legs does {animal} have?", "Count the legs of {animal}."],
  },
  {
    id: "colours",
    family: "facts",
    facts: COLOURS.map(([thing, colour]) => ({ slots: { thing }, answer: colour })),
    templates: ["What colour is {thing}?", "Name the colour of {thing}."],
  },
  {
    id: "first-letter",
    family: "spelling",
    facts: WORDS.map((w) => ({ slots: { word: w }, answer: w[0] as string })),
    templates: ["What is the first letter of '{word}'?", "Which letter does the word '{word}' start with?"],
  },
  {
    id: "last-letter",
    family: "spelling",
    facts: WORDS.map((w) => ({ slots: { word: w }, answer: w.at(-1) as string })),
    templates: ["What is the last letter of '{word}'?", "Which letter does the word '{word}' end with?"],
  },
  {
    id: "letter-count",
    family: "spelling",
    facts: WORDS.map((w) => ({ slots: { word: w }, answer: `${w.length}` })),
    templates: ["How many letters are in '{word}'?", "Count the letters in the word '{word}'."],
  },
  {
    id: "howto",
    family: "howto",
    facts: HOWTO.map(([topic, answer]) => ({ slots: { topic }, answer })),
    templates: ["How do I {topic}?", "What is the best way to {topic}?", "Explain how to {topic}."],
  },
  ...(["es", "fr"] as const).flatMap((lang): TaskKind[] => [
    {
      id: `translate-en-${lang}`,
      family: "translation",
      facts: translations(lang, false),
      templates: [
        "Translate '{word}' into {lang}.",
        "What is the {lang} word for '{word}'?",
        "How do you say '{word}' in {lang}?",
      ],
    },
    {
      id: `translate-${lang}-en`,
      family: "translation",
      facts: translations(lang, true),
      templates: [
        "What does the {lang} word '{word}' mean in English?",
        "Translate the {lang} word '{word}' into English.",
      ],
    },
  ]),
];

/** Fills `{slot}` placeholders; an unknown slot is a programming error in a template table. */
export function fillTemplate(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = slots[name];
    if (value === undefined) throw new Error(`template "${template}" has no value for {${name}}`);
    return value;
  });
}
