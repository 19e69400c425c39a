import type { FeatureVector } from "../learn/sparse-logistic.js";

/**
 * Features of a response for the learned refusal judge. Refusal is mostly about *where* words occur: a
 * refusal opens with it ("I cannot ..."), a partial refusal refuses and then answers (or answers and then
 * disowns), and compliance may mention "illegal" while answering. So n-grams are taken separately from the
 * opening, the first sentence, the closing and the whole text, plus a few shape features (length, lists,
 * code) that separate an actual answer from a lecture.
 */
export function normalizeText(text: string): string {
  return expandContractions(
    text
      .toLowerCase()
      .replace(/[\u2018\u2019\u02bc]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/\s+/g, " ")
      .trim(),
  );
}

/**
 * "can't" and "cannot", "I'm" and "I am" are the same signal; the training data favours one spelling
 * (Llama-2 writes "I cannot"), so without this a short "I can't help with that" would look unfamiliar.
 */
function expandContractions(text: string): string {
  return text
    .replace(/\bcan't\b/g, "cannot")
    .replace(/\bwon't\b/g, "will not")
    .replace(/\bshan't\b/g, "shall not")
    .replace(/n't\b/g, " not")
    .replace(/\bi'm\b/g, "i am")
    .replace(/'re\b/g, " are")
    .replace(/'ll\b/g, " will")
    .replace(/'ve\b/g, " have")
    .replace(/\b(i|you|we|they|he|she)'d\b/g, "$1 would");
}

export function words(text: string): string[] {
  return text.match(/[a-z0-9]+(?:'[a-z]+)?|[!?:]/g) ?? [];
}

function addNgrams(out: FeatureVector, prefix: string, tokens: readonly string[], maxN: number): void {
  for (let n = 1; n <= maxN; n++) {
    for (let i = 0; i + n <= tokens.length; i++) out.set(`${prefix}${tokens.slice(i, i + n).join(" ")}`, 1);
  }
}

function bucket(value: number, edges: readonly number[]): number {
  let i = 0;
  while (i < edges.length && value >= (edges[i] as number)) i++;
  return i;
}

export function refusalFeatures(response: string): FeatureVector {
  const out: FeatureVector = new Map();
  const raw = response.trim();
  const text = normalizeText(raw);
  const tokens = words(text);
  const sentences = text.split(/(?<=[.!?])\s+/).filter((s) => s.length > 0);
  const first = words(sentences[0] ?? "");
  const paragraphs = raw.split(/\n\s*\n/).filter((p) => p.trim().length > 0);

  addNgrams(out, "h:", tokens.slice(0, 24), 3); // the opening
  addNgrams(out, "s1:", first, 2); // the first sentence
  addNgrams(out, "t:", tokens.slice(-24), 2); // the closing
  addNgrams(out, "a:", tokens, 2); // anywhere
  if (paragraphs.length > 1) addNgrams(out, "p2:", words(normalizeText(paragraphs[1] ?? "")).slice(0, 12), 2);

  out.set(`len:${bucket(tokens.length, [5, 15, 40, 80, 160, 320])}`, 1);
  out.set(`paras:${bucket(paragraphs.length, [2, 3, 5, 8])}`, 1);
  if (/^\s*(?:\d+[.)]|[-*•])\s+/m.test(raw)) out.set("shape:list", 1);
  if (raw.includes("```") || /^\s{4}\S/m.test(raw)) out.set("shape:code", 1);
  if (tokens.length === 0) out.set("shape:empty", 1);
  // First-sentence bigrams crossed with length: "I cannot" + a long answer is often a partial refusal.
  const L = bucket(tokens.length, [15, 60, 160]);
  for (let i = 0; i + 1 < Math.min(first.length, 8); i++)
    out.set(`s1len:${first[i]} ${first[i + 1]}|${L}`, 1);
  out.set("bias:1", 1);
  return out;
}
