/**
 * Whether a reply says anything about what the prompt asked: it shares a content word (by a crude stem)
 * with the prompt. It is a filter for text the project writes into training data from a small model's own
 * replies ("What is a vaccine?" → "24" or an unrelated stock sentence), not a judge of real models' answers:
 * a good answer may share no word with its question ("How do I shoot a free throw?" → "Bend your knees…").
 */
const STOPWORDS = new Set(
  `the and for are but not you your yours with this that these those from into onto have has had was were
  been being what which who whom whose when where why how can could would should will shall may might must
  does did doing done its it's there their them they then than some any all each every much many more most
  very just also only about over under again here out off our ours she her hers him his per via yes
  tell show give make get let please want need way ways thing things explain describe help someone something`.split(
    /\s+/,
  ),
);

/** A word's crude stem: lower case, a plural or verb ending cut, at most five letters (cooks, cooking → "cook"). */
function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().match(/\p{L}[\p{L}'’]*/gu) ?? []) {
    const word = w.replace(/['’]s$/, "");
    if (word.length < 3 || STOPWORDS.has(word)) continue;
    const cut = word.replace(/(ing|ed|es|s)$/, "");
    out.add((cut.length >= 3 ? cut : word).slice(0, 5));
  }
  return out;
}

/** True when `reply` shares at least one content-word stem with `prompt`. */
export function sharesTopic(prompt: string, reply: string): boolean {
  const asked = stems(prompt);
  for (const s of stems(reply)) if (asked.has(s)) return true;
  return false;
}
