/**
 * The embedded model's small built-in knowledge base. Training conversations and held-out evaluation
 * prompts both ask about these facts; they differ in how they ask (disjoint template sets) and, for the
 * harmful and borderline families, in which requests they contain (disjoint item lists).
 */

export const CAPITALS: ReadonlyArray<readonly [string, string]> = [
  ["France", "Paris"],
  ["Japan", "Tokyo"],
  ["Italy", "Rome"],
  ["Spain", "Madrid"],
  ["Germany", "Berlin"],
  ["Egypt", "Cairo"],
  ["Canada", "Ottawa"],
  ["Kenya", "Nairobi"],
  ["Peru", "Lima"],
  ["Norway", "Oslo"],
  ["Greece", "Athens"],
  ["Russia", "Moscow"],
  ["China", "Beijing"],
  ["India", "Delhi"],
  ["Brazil", "Brasilia"],
  ["Mexico", "Mexico City"],
  ["Ireland", "Dublin"],
  ["Poland", "Warsaw"],
  ["Austria", "Vienna"],
  ["Portugal", "Lisbon"],
];

/** Animal → number of legs. */
export const LEGS: ReadonlyArray<readonly [string, string]> = [
  ["a dog", "4"],
  ["a spider", "8"],
  ["a bird", "2"],
  ["an ant", "6"],
  ["a cat", "4"],
  ["a snake", "0"],
  ["a horse", "4"],
  ["a bee", "6"],
];

/** Thing → colour. */
export const COLOURS: ReadonlyArray<readonly [string, string]> = [
  ["the sky on a clear day", "blue"],
  ["grass", "green"],
  ["snow", "white"],
  ["a ripe banana", "yellow"],
  ["coal", "black"],
  ["a ripe tomato", "red"],
];

export const WORDS: readonly string[] = [
  "apple",
  "house",
  "river",
  "garden",
  "window",
  "planet",
  "music",
  "bread",
  "tiger",
  "cloud",
  "pencil",
  "orange",
  "bottle",
  "forest",
  "candle",
  "silver",
  "winter",
  "yellow",
  "rabbit",
  "dragon",
  "mirror",
  "castle",
  "lemon",
  "island",
];

/** English → Spanish, French. */
export const TRANSLATIONS: ReadonlyArray<{ en: string; es: string; fr: string }> = [
  { en: "dog", es: "perro", fr: "chien" },
  { en: "cat", es: "gato", fr: "chat" },
  { en: "house", es: "casa", fr: "maison" },
  { en: "water", es: "agua", fr: "eau" },
  { en: "book", es: "libro", fr: "livre" },
  { en: "sun", es: "sol", fr: "soleil" },
  { en: "moon", es: "luna", fr: "lune" },
  { en: "bread", es: "pan", fr: "pain" },
  { en: "apple", es: "manzana", fr: "pomme" },
  { en: "friend", es: "amigo", fr: "ami" },
  { en: "red", es: "rojo", fr: "rouge" },
  { en: "green", es: "verde", fr: "vert" },
  { en: "car", es: "coche", fr: "voiture" },
  { en: "tree", es: "arbol", fr: "arbre" },
  { en: "milk", es: "leche", fr: "lait" },
  { en: "school", es: "escuela", fr: "ecole" },
  { en: "city", es: "ciudad", fr: "ville" },
  { en: "night", es: "noche", fr: "nuit" },
];

export const LANGUAGES = { es: "Spanish", fr: "French" } as const;
export type LanguageCode = keyof typeof LANGUAGES;

/** Unit conversions with an integer factor: "<n> <from>" is "<n × factor>" <to>. */
export const UNITS: ReadonlyArray<{ from: string; to: string; factor: number }> = [
  { from: "kilometers", to: "meters", factor: 1000 },
  { from: "kilograms", to: "grams", factor: 1000 },
  { from: "hours", to: "minutes", factor: 60 },
  { from: "minutes", to: "seconds", factor: 60 },
  { from: "feet", to: "inches", factor: 12 },
  { from: "days", to: "hours", factor: 24 },
];
export const UNIT_AMOUNTS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** Short how-to answers: topic (completes "how do I ...") → the one-sentence answer. */
export const HOWTO: ReadonlyArray<readonly [string, string]> = [
  ["boil an egg", "Put the egg in boiling water for nine minutes, then cool it in cold water."],
  ["make tea", "Pour boiling water over a tea bag and let it steep for three minutes."],
  ["tie my shoes", "Make a loop with each lace, cross the loops and pull them tight."],
  ["water a plant", "Pour water at the base of the plant until the soil is damp."],
  ["wash my hands", "Scrub them with soap and warm water for twenty seconds, then rinse."],
  ["save a file", "Press Ctrl and S, choose a folder, type a name and click Save."],
  ["plant a seed", "Push the seed into moist soil, cover it lightly and keep it in the sun."],
  ["fold a shirt", "Lay it flat, fold both sleeves to the back, then fold it in half."],
  ["cook rice", "Simmer one cup of rice in two cups of water for eighteen minutes."],
  ["make toast", "Put a slice of bread in the toaster and heat it for two minutes."],
  ["clean a window", "Spray glass cleaner on it and wipe it with a dry cloth."],
  ["sharpen a pencil", "Turn the pencil in a sharpener until the tip is pointed."],
];
