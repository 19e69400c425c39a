/**
 * GPT-2's pre-tokenizer: text is split into words (contractions, letter runs with an optional leading
 * space, digit runs, punctuation runs, whitespace) and BPE never merges across words. This is the regex of
 * Hugging Face's ByteLevel pre-tokenizer and of llama.cpp's `gpt-2` pre-tokenizer type.
 */
export const GPT2_SPLIT_PATTERN =
  "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

const SPLIT = new RegExp(GPT2_SPLIT_PATTERN, "gu");

export function preTokenize(text: string): string[] {
  return text.match(SPLIT) ?? [];
}
