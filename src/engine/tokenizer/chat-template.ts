import { BreakfixError, type Message } from "../../core/index.js";
import type { BpeTokenizer } from "./bpe-tokenizer.js";

/** End of a document; also used as BOS, EOS and padding. */
export const END_OF_TEXT = "<|endoftext|>";
/** Closes every chat turn; the token assistant replies stop on. */
export const END_OF_TURN = "<|end|>";

export const CHAT_SPECIAL_TOKENS: readonly string[] = [
  END_OF_TEXT,
  "<|system|>",
  "<|user|>",
  "<|assistant|>",
  END_OF_TURN,
];

/**
 * The same template in Jinja for Hugging Face's `chat_template` and GGUF's `tokenizer.chat_template`
 * (Phi-3 style, no BOS): `<|role|>\n{content}<|end|>\n` per message, then `<|assistant|>\n` to prompt.
 */
export const CHAT_TEMPLATE_JINJA =
  "{% for message in messages %}{{ '<|' + message['role'] + '|>\\n' + message['content'] + '<|end|>\\n' }}" +
  "{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>\\n' }}{% endif %}";

export interface RenderChatOptions {
  /** Append `<|assistant|>\n` so the model writes the next assistant turn. */
  addGenerationPrompt?: boolean;
}

export interface RenderedChat {
  ids: number[];
  /** 1 where the token is assistant output (its content and its `<|end|>`): the tokens SFT and DPO train on. */
  assistantMask: Uint8Array;
}

/** The template as text (special tokens written literally), identical to what the Jinja template renders. */
export function renderChatText(messages: readonly Message[], options: RenderChatOptions = {}): string {
  let text = "";
  for (const m of messages) text += `<|${m.role}|>\n${m.content}${END_OF_TURN}\n`;
  return options.addGenerationPrompt ? `${text}<|assistant|>\n` : text;
}

/**
 * Renders a conversation to token ids. Special markers come from the template only: message content is
 * encoded as ordinary text, so a user typing `<|end|>` cannot forge a turn boundary. The text between
 * two markers is encoded as one piece, as a tokenizer parsing the rendered string would; a token is
 * marked as assistant output when any of its bytes belongs to assistant content.
 */
export function renderChat(
  tokenizer: BpeTokenizer,
  messages: readonly Message[],
  options: RenderChatOptions = {},
): RenderedChat {
  const special = (content: string) => {
    const id = tokenizer.specialId(content);
    if (id === undefined) {
      throw new BreakfixError("DATA_INVALID", `Tokenizer has no special token ${content}`, {
        fix: "train or load a tokenizer with the chat special tokens",
      });
    }
    return id;
  };
  const ids: number[] = [];
  const mask: number[] = [];
  const push = (id: number, isAssistant: boolean) => {
    ids.push(id);
    mask.push(isAssistant ? 1 : 0);
  };
  const endOfTurn = special(END_OF_TURN);
  const newline = tokenizer.encodeOrdinary("\n");
  for (const m of messages) {
    const isAssistant = m.role === "assistant";
    push(special(`<|${m.role}|>`), false);
    // Byte 0 of the piece is the template's newline; later bytes are content.
    let end = 0;
    for (const id of tokenizer.encodeOrdinary(`\n${m.content}`)) {
      end += tokenizer.tokenBytes(id).length;
      push(id, isAssistant && end > 1);
    }
    push(endOfTurn, isAssistant);
    for (const id of newline) push(id, false);
  }
  if (options.addGenerationPrompt) {
    push(special("<|assistant|>"), false);
    for (const id of newline) push(id, false);
  }
  return { ids, assistantMask: Uint8Array.from(mask) };
}
