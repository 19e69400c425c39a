/**
 * GPT-2's pre-tokenizer: text is split into words (contractions, letter runs with an optional leading
 * space, digit runs, punctuation runs, whitespace) and BPE never merges across words. This is the regex of
 * Hugging Face's ByteLevel pre-tokenizer and of llama.cpp's `gpt-2` pre-tokenizer type, with `\s` spelled
 * `\p{White_Space}`: JavaScript's `\s` adds U+FEFF and leaves out U+0085, where the Rust tokenizers follow
 * Unicode's White_Space property (checked against Hugging Face `tokenizers` in hf-parity.test.ts).
 */
export const GPT2_SPLIT_PATTERN =
  "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\p{White_Space}\\p{L}\\p{N}]+" +
  "|\\p{White_Space}+(?!\\P{White_Space})|\\p{White_Space}+";

const SPLIT = new RegExp(GPT2_SPLIT_PATTERN, "gu");

export function preTokenize(text: string): string[] {
  return text.match(SPLIT) ?? [];
}
