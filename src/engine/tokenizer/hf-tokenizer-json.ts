import { BreakfixError } from "../../core/index.js";
import { BpeTokenizer, type SpecialToken } from "./bpe-tokenizer.js";
import { tokenStringToBytes } from "./byte-unicode.js";

/**
 * Hugging Face `tokenizer.json` (tokenizers library format) for a byte-level BPE: the engine's own
 * tokenizer file too, so a checkpoint's tokenizer loads unchanged in `transformers`.
 */
export function toHfTokenizerJson(tokenizer: BpeTokenizer): Record<string, unknown> {
  const vocab: Record<string, number> = {};
  for (let id = 0; id < tokenizer.vocabSize; id++) vocab[tokenizer.tokenString(id)] = id;
  const byteLevel = { add_prefix_space: false, trim_offsets: true, use_regex: true };
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: tokenizer.specials.map((s) => ({
      id: s.id,
      content: s.content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: { type: "ByteLevel", ...byteLevel },
    post_processor: { type: "ByteLevel", ...byteLevel },
    decoder: { type: "ByteLevel", ...byteLevel },
    model: {
      type: "BPE",
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab,
      merges: tokenizer.merges.map(([a, b]) => `${tokenizer.tokenString(a)} ${tokenizer.tokenString(b)}`),
    },
  };
}

/** Reads a byte-level BPE `tokenizer.json`; `source` names the file in errors. */
export function fromHfTokenizerJson(json: unknown, source = "tokenizer.json"): BpeTokenizer {
  const fail = (field: string, message: string) =>
    new BreakfixError("DATA_INVALID", message, {
      location: { file: source, field },
      fix: "use a byte-level BPE tokenizer.json (as written by breakfix or GPT-2-style tokenizers)",
    });
  const root = json as Record<string, unknown> | null;
  const model = root?.model as Record<string, unknown> | undefined;
  if (model?.type !== "BPE") throw fail("model.type", "not a BPE tokenizer");
  const pre = root?.pre_tokenizer as Record<string, unknown> | null | undefined;
  if (pre?.type !== "ByteLevel") throw fail("pre_tokenizer.type", "pre-tokenizer is not ByteLevel");
  const vocab = model.vocab as Record<string, unknown> | undefined;
  if (!vocab || typeof vocab !== "object") throw fail("model.vocab", "missing vocab");

  const specials: SpecialToken[] = [];
  const added = Array.isArray(root?.added_tokens) ? (root.added_tokens as unknown[]) : [];
  added.forEach((t, i) => {
    const token = t as { id?: unknown; content?: unknown };
    if (!Number.isInteger(token.id) || typeof token.content !== "string") {
      throw fail(`added_tokens[${i}]`, "added token needs an integer id and a string content");
    }
    specials.push({ id: token.id as number, content: token.content });
  });
  const specialIds = new Set(specials.map((s) => s.id));

  const tokens: Array<Uint8Array | undefined> = [];
  const idOf = new Map<string, number>();
  for (const [token, id] of Object.entries(vocab)) {
    if (!Number.isInteger(id) || (id as number) < 0)
      throw fail(`model.vocab.${token}`, "id is not an integer");
    idOf.set(token, id as number);
    if (specialIds.has(id as number)) continue;
    const bytes = tokenStringToBytes(token);
    if (!bytes) throw fail(`model.vocab.${token}`, "token is not written in the byte-level alphabet");
    tokens[id as number] = bytes;
  }
  const rawMerges = Array.isArray(model.merges) ? (model.merges as unknown[]) : [];
  const merges = rawMerges.map((m, i): [number, number] => {
    const pair = typeof m === "string" ? m.split(" ") : m;
    const [a, b] = Array.isArray(pair) && pair.length === 2 ? pair.map((p) => idOf.get(String(p))) : [];
    if (a === undefined || b === undefined) throw fail(`model.merges[${i}]`, "merge names unknown tokens");
    return [a, b];
  });
  return new BpeTokenizer({ tokens, merges, specials });
}
