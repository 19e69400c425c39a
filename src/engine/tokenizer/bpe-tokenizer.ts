import { BreakfixError } from "../../core/index.js";
import { type MergeTable, mergeWord, pairKey } from "./bpe-merge.js";
import { bytesToTokenString } from "./byte-unicode.js";
import { preTokenize } from "./pretokenize.js";

/** A token matched only as a whole (chat markers, end of text), never produced from ordinary text. */
export interface SpecialToken {
  id: number;
  content: string;
}

export interface BpeTokenizerSpec {
  /** Bytes of every non-special token, indexed by id; special ids are left undefined. */
  tokens: ReadonlyArray<Uint8Array | undefined>;
  /** Merges in rank order, as pairs of token ids; each produces the token whose bytes are the concatenation. */
  merges: ReadonlyArray<readonly [number, number]>;
  specials: readonly SpecialToken[];
}

export interface EncodeOptions {
  /** Match special tokens' literal text (`<|user|>`) as the special token. Off by default. */
  allowSpecial?: boolean;
}

const CACHE_LIMIT = 100_000;
const utf8 = new TextEncoder();
// ignoreBOM keeps a leading U+FEFF, so decode(encode(s)) === s for every well-formed string.
const utf8Decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/**
 * Byte-level BPE (GPT-2 style): text → UTF-8 bytes → per-word merges. Any byte sequence is encodable and
 * decoding concatenates token bytes, so round trips are exact. Words are cached after their first merge.
 */
export class BpeTokenizer {
  readonly vocabSize: number;
  readonly specials: readonly SpecialToken[];
  readonly merges: ReadonlyArray<readonly [number, number]>;
  private readonly bytesById: Uint8Array[];
  private readonly byteToId = new Int32Array(256).fill(-1);
  private readonly table: MergeTable;
  private readonly specialById = new Map<number, string>();
  private readonly specialByContent = new Map<string, number>();
  private readonly specialSplit: RegExp | undefined;
  private readonly cache = new Map<string, number[]>();

  constructor(spec: BpeTokenizerSpec) {
    this.specials = spec.specials.map((s) => ({ ...s }));
    this.merges = spec.merges.map(([a, b]) => [a, b] as const);
    for (const s of this.specials) {
      this.specialById.set(s.id, s.content);
      this.specialByContent.set(s.content, s.id);
    }
    const size = Math.max(spec.tokens.length, ...this.specials.map((s) => s.id + 1));
    this.vocabSize = size;
    this.bytesById = new Array(size);
    const idOfBytes = new Map<string, number>();
    for (let id = 0; id < size; id++) {
      const special = this.specialById.get(id);
      const bytes = special !== undefined ? utf8.encode(special) : spec.tokens[id];
      if (!bytes) throw new BreakfixError("DATA_INVALID", `Tokenizer has no token for id ${id}`);
      this.bytesById[id] = bytes;
      if (special !== undefined) continue;
      idOfBytes.set(bytesToTokenString(bytes), id);
      if (bytes.length === 1 && this.byteToId[bytes[0] as number] === -1)
        this.byteToId[bytes[0] as number] = id;
    }
    const missing = this.byteToId.indexOf(-1);
    if (missing >= 0) {
      throw new BreakfixError("DATA_INVALID", `Byte-level tokenizer lacks a token for byte ${missing}`);
    }
    const rankOf = new Map<number, number>();
    const mergedId = new Int32Array(this.merges.length);
    this.merges.forEach(([a, b], rank) => {
      const left = this.bytesById[a];
      const right = this.bytesById[b];
      const joined = left && right ? bytesToTokenString(left) + bytesToTokenString(right) : undefined;
      const id = joined === undefined ? undefined : idOfBytes.get(joined);
      if (id === undefined) {
        throw new BreakfixError("DATA_INVALID", `Merge ${rank} (${a} + ${b}) produces no token in the vocab`);
      }
      if (!rankOf.has(pairKey(a, b))) rankOf.set(pairKey(a, b), rank);
      mergedId[rank] = id;
    });
    this.table = { rankOf, mergedId };
    const byLength = [...this.specialByContent.keys()].sort((x, y) => y.length - x.length);
    this.specialSplit =
      byLength.length > 0 ? new RegExp(`(${byLength.map(escapeRegExp).join("|")})`, "u") : undefined;
  }

  encode(text: string, options: EncodeOptions = {}): number[] {
    if (!options.allowSpecial || !this.specialSplit) return this.encodeOrdinary(text);
    const out: number[] = [];
    // split() with a capturing group alternates ordinary text (even indices) and special matches (odd).
    text.split(this.specialSplit).forEach((part, i) => {
      if (i % 2 === 1) out.push(this.specialByContent.get(part) as number);
      else if (part) for (const id of this.encodeOrdinary(part)) out.push(id);
    });
    return out;
  }

  /** Encodes text treating every character literally (special-token text becomes ordinary tokens). */
  encodeOrdinary(text: string): number[] {
    const out: number[] = [];
    for (const word of preTokenize(text)) {
      let ids = this.cache.get(word);
      if (!ids) {
        ids = mergeWord(
          Array.from(utf8.encode(word), (b) => this.byteToId[b] as number),
          this.table,
        );
        if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
        this.cache.set(word, ids);
      }
      for (const id of ids) out.push(id);
    }
    return out;
  }

  /** Concatenated bytes of the tokens (specials as their literal text unless skipped). */
  decodeBytes(ids: Iterable<number>, options: { skipSpecial?: boolean } = {}): Uint8Array {
    const parts: Uint8Array[] = [];
    let length = 0;
    for (const id of ids) {
      if (options.skipSpecial && this.specialById.has(id)) continue;
      const bytes = this.tokenBytes(id);
      parts.push(bytes);
      length += bytes.length;
    }
    const out = new Uint8Array(length);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }

  decode(ids: Iterable<number>, options: { skipSpecial?: boolean } = {}): string {
    return utf8Decoder.decode(this.decodeBytes(ids, options));
  }

  tokenBytes(id: number): Uint8Array {
    const bytes = this.bytesById[id];
    if (!bytes)
      throw new BreakfixError("INTERNAL", `Token id ${id} is outside the vocab (${this.vocabSize})`);
    return bytes;
  }

  /** The token as written in tokenizer.json / GGUF: GPT-2 byte characters, or a special's literal text. */
  tokenString(id: number): string {
    return this.specialById.get(id) ?? bytesToTokenString(this.tokenBytes(id));
  }

  isSpecial(id: number): boolean {
    return this.specialById.has(id);
  }

  specialId(content: string): number | undefined {
    return this.specialByContent.get(content);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
