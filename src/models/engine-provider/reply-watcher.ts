import type { TokenLogprob } from "../../core/index.js";
import type { TokenLogprob as EngineLogprob } from "../../engine/generate/index.js";
import type { BpeTokenizer } from "../../engine/tokenizer/index.js";

/**
 * Follows one reply as its tokens arrive: ends it at the first stop string (so the token count is what was
 * really generated) and hands the text so far to a streaming listener, holding back a tail that could still
 * turn into a stop string or is half a character.
 */
export interface ReplyWatcher {
  /** Called with all new tokens so far; true once the reply holds a stop string. */
  onTokens(tokens: readonly number[]): boolean;
  /** The reply's text: up to the first stop string, special tokens left out. */
  finalText(tokens: readonly number[]): string;
}

export function watchReply(
  tokenizer: BpeTokenizer,
  stop: readonly string[],
  onText: ((textSoFar: string) => void) | undefined,
): ReplyWatcher {
  const stops = stop.filter((s) => s.length > 0);
  let sent = "";
  const cut = (text: string): { text: string; stopped: boolean } => {
    let at = -1;
    for (const s of stops) {
      const i = text.indexOf(s);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    }
    return at >= 0 ? { text: text.slice(0, at), stopped: true } : { text, stopped: false };
  };
  const emit = (text: string) => {
    if (onText && text.length > sent.length && text.startsWith(sent)) {
      sent = text;
      onText(text);
    }
  };
  return {
    onTokens(tokens) {
      if (stops.length === 0 && !onText) return false;
      const { text, stopped } = cut(tokenizer.decode(tokens, { skipSpecial: true }));
      if (stopped) return true;
      emit(text.slice(0, text.length - heldBack(text, stops)));
      return false;
    },
    finalText(tokens) {
      const { text } = cut(tokenizer.decode(tokens, { skipSpecial: true }));
      emit(text);
      return text;
    },
  };
}

/** Characters at the end of `text` not safe to show yet: a prefix of a stop string, or a partial character. */
function heldBack(text: string, stops: readonly string[]): number {
  let hold = 0;
  for (const s of stops) {
    for (let n = Math.min(s.length - 1, text.length); n > hold; n--) {
      if (text.endsWith(s.slice(0, n))) {
        hold = n;
        break;
      }
    }
  }
  // The decoder shows an incomplete UTF-8 sequence at the end as U+FFFD; the next token may complete it.
  let partial = 0;
  while (partial < text.length && text[text.length - 1 - partial] === "\uFFFD") partial++;
  return Math.max(hold, partial);
}

/** The engine's per-token logprobs in OpenAI's shape; special tokens (end of turn) are not text and are left out. */
export function logprobsAsText(tokenizer: BpeTokenizer, logprobs: readonly EngineLogprob[]): TokenLogprob[] {
  const asText = (id: number) => {
    const bytes = [...tokenizer.tokenBytes(id)];
    return { token: Buffer.from(bytes).toString("utf8"), bytes };
  };
  return logprobs
    .filter((lp) => !tokenizer.isSpecial(lp.token))
    .map((lp) => ({
      ...asText(lp.token),
      logprob: lp.logprob,
      top: lp.top.map((t) => ({ ...asText(t.token), logprob: t.logprob })),
    }));
}
