import { describe, expect, it } from "vitest";
import { trainBpe } from "../../engine/tokenizer/index.js";
import { encodeCompletion, encodeSft } from "./encode.js";

const tok = trainBpe(["hello there friend, how are you"], { vocabSize: 300, minFrequency: 1 });

describe("training encodings", () => {
  it("SFT trains assistant tokens only, and skips weight-0 assistant messages", () => {
    const messages = [
      { role: "user" as const, content: "hello" },
      { role: "assistant" as const, content: "there", weight: 0 as const },
      { role: "user" as const, content: "how" },
      { role: "assistant" as const, content: "friend" },
    ];
    const all = encodeSft(tok, { messages: messages.map(({ role, content }) => ({ role, content })) });
    const weighted = encodeSft(tok, { messages });
    const trained = (s: typeof all) => tok.decode(s.targets.filter((_, t) => s.weights[t] === 1));
    expect(trained(all)).toBe("there<|end|>friend<|end|>");
    expect(trained(weighted)).toBe("friend<|end|>");
    expect(weighted.tokens.slice(1)).toEqual(weighted.targets.slice(0, -1));
  });

  it("a completion trains only after the prompt, even when the prompt has assistant turns", () => {
    const pair = {
      prompt: [
        { role: "user" as const, content: "hello" },
        { role: "assistant" as const, content: "there" },
        { role: "user" as const, content: "how" },
      ],
      chosen: [{ role: "assistant" as const, content: "friend" }],
      rejected: [{ role: "assistant" as const, content: "are you" }],
    };
    const s = encodeCompletion(tok, pair, "rejected");
    expect(tok.decode(s.targets.filter((_, t) => s.weights[t] === 1))).toBe("are you<|end|>");
  });
});
