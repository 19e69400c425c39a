import type { Rng } from "../../core/index.js";

/**
 * Passages about invented places, and questions answered only by reading them: the model must copy the
 * answer from the given text (no fact here is learnable from memory), so groundedness prompts (a context,
 * then a question or a summary request) are in distribution. Evaluation draws its own places and values
 * from a forked stream with its own request phrasings (../eval/), so no held-out passage is a training one.
 */
export interface PassageFact {
  /** Attribute id: one question family per attribute. */
  attribute: string;
  sentence: string;
  /** Slots a question template for this attribute fills: {place}. */
  place: string;
  answer: string;
}

export interface Passage {
  text: string;
  facts: PassageFact[];
}

const ONSETS = [
  "Bel",
  "Cor",
  "Dun",
  "Fal",
  "Gar",
  "Hal",
  "Kel",
  "Lor",
  "Mar",
  "Nor",
  "Pel",
  "Ros",
  "Tal",
  "Vel",
];
const CODAS = [
  "brook",
  "ford",
  "mere",
  "wick",
  "ton",
  "dale",
  "moor",
  "haven",
  "stead",
  "bury",
  "holm",
  "gate",
];
const PEOPLE = [
  "Anna Reyes",
  "Tom Okafor",
  "Lena Novak",
  "Sam Patel",
  "Mia Jensen",
  "Omar Haddad",
  "Ruth Klein",
];
const RIVERS = ["Ashwater", "Lune", "Brenna", "Colver", "Dray", "Ember", "Fenn", "Greyling"];
const ANIMALS = ["an owl", "a fox", "a heron", "a stag", "a salmon", "a badger", "a swan"];
const TIMES = ["6:00", "7:30", "8:00", "8:45", "9:15", "10:00", "11:30", "13:00", "16:20", "18:00"];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

interface Attribute {
  id: string;
  make(rng: Rng, place: string): { sentence: string; answer: string };
}

export const PASSAGE_ATTRIBUTES: readonly Attribute[] = [
  {
    id: "bridges",
    make: (rng, p) => {
      const n = `${2 + rng.int(60)}`;
      return { sentence: `${p} has ${n} bridges.`, answer: n };
    },
  },
  {
    id: "market",
    make: (rng, p) => {
      const t = rng.pick(TIMES);
      return { sentence: `The market in ${p} opens at ${t}.`, answer: t };
    },
  },
  {
    id: "mayor",
    make: (rng, p) => {
      const who = rng.pick(PEOPLE);
      return { sentence: `The mayor of ${p} is ${who}.`, answer: who };
    },
  },
  {
    id: "river",
    make: (rng, p) => {
      const r = rng.pick(RIVERS);
      return { sentence: `${p} lies on the river ${r}.`, answer: r };
    },
  },
  {
    id: "founded",
    make: (rng, p) => {
      const y = `${1200 + rng.int(800)}`;
      return { sentence: `${p} was founded in ${y}.`, answer: y };
    },
  },
  {
    id: "emblem",
    make: (rng, p) => {
      const a = rng.pick(ANIMALS);
      return { sentence: `The emblem of ${p} is ${a}.`, answer: a };
    },
  },
  {
    id: "closed",
    make: (rng, p) => {
      const d = rng.pick(DAYS);
      return { sentence: `The library in ${p} is closed on ${d}.`, answer: d };
    },
  },
];

/** An invented place name (two syllables), e.g. "Velmoor". */
export function placeName(rng: Rng): string {
  return `${rng.pick(ONSETS)}${rng.pick(CODAS)}`;
}

/** A passage of 3–5 facts about one or two places (so a question must pick the right sentence). */
export function makePassage(rng: Rng): Passage {
  const places = [placeName(rng)];
  if (rng.bool(0.4)) {
    const other = placeName(rng);
    if (other !== places[0]) places.push(other);
  }
  const count = 3 + rng.int(3);
  const used = new Set<string>();
  const facts: PassageFact[] = [];
  while (facts.length < count) {
    const place = rng.pick(places);
    const attribute = rng.pick(PASSAGE_ATTRIBUTES);
    if (used.has(`${place}/${attribute.id}`)) continue;
    used.add(`${place}/${attribute.id}`);
    facts.push({ attribute: attribute.id, place, ...attribute.make(rng, place) });
  }
  return { text: facts.map((f) => f.sentence).join(" "), facts };
}

/** Training questions per attribute ({place}). Evaluation asks with its own phrasings. */
export const PASSAGE_QUESTIONS: Record<string, readonly string[]> = {
  bridges: ["How many bridges does {place} have?", "What is the number of bridges in {place}?"],
  market: ["When does the market in {place} open?", "At what time does the {place} market open?"],
  mayor: ["Who is the mayor of {place}?", "Name the mayor of {place}."],
  river: ["Which river does {place} lie on?", "On what river is {place}?"],
  founded: ["When was {place} founded?", "In which year was {place} founded?"],
  emblem: ["What is the emblem of {place}?", "Which animal is on the emblem of {place}?"],
  closed: ["On which day is the library in {place} closed?", "When is the {place} library closed?"],
};

/** Training layouts of a passage and a request ({passage}, {request}). */
export const PASSAGE_LAYOUTS: readonly string[] = [
  "Read the passage and answer.\n\nPassage: {passage}\n\nQuestion: {request}",
  "{passage}\n\nBased on the text above: {request}",
  "Here is some text:\n{passage}\n\n{request}",
  "Text: {passage}\nUsing only the text, reply to this: {request}",
];

/** Training summary requests; the trained summary repeats the passage's first two sentences. */
export const SUMMARY_REQUESTS: readonly string[] = [
  "Summarise the passage.",
  "Give a short summary of the text.",
  "What does the text say? Keep it short.",
];

export function summaryOf(p: Passage): string {
  return p.facts
    .slice(0, 2)
    .map((f) => f.sentence)
    .join(" ");
}
