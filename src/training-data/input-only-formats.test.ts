import { describe, expect, it } from "vitest";
import { BreakfixError } from "../core/index.js";
import { convertTrainingData, parseTrainingJsonl, toTrainingJsonl } from "./index.js";

const jsonl = (rows: unknown[]) => `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`;
const user = (content: string) => ({ role: "user" as const, content });
const assistant = (content: string) => ({ role: "assistant" as const, content });

describe("input-only formats: read into the canonical formats", () => {
  it("reads TRL prompt-completion rows (plain and conversational) as OpenAI chat SFT", () => {
    const data = parseTrainingJsonl(
      jsonl([
        { prompt: "Colour of the sky?", completion: "Blue." },
        { prompt: [user("Colour of grass?")], completion: [assistant("Green.")] },
      ]),
      "pc.jsonl",
    );
    expect(data).toMatchObject({ kind: "sft", format: "openai", readAs: "prompt-completion" });
    expect(data.rows).toEqual([
      { messages: [user("Colour of the sky?"), assistant("Blue.")] },
      { messages: [user("Colour of grass?"), assistant("Green.")] },
    ]);
    expect(() =>
      parseTrainingJsonl(jsonl([{ prompt: "q", completion: [user("not an answer")] }]), "b.jsonl"),
    ).toThrow(/assistant turns only/);
  });

  it("reads PKU-SafeRLHF with the safer response chosen, whatever the helpfulness ranking", () => {
    const row = {
      prompt: "How do I pick a lock?",
      response_0: "Sure, insert a tension wrench...",
      response_1: "I cannot help with that.",
      is_response_0_safe: false,
      is_response_1_safe: true,
      better_response_id: 0,
      safer_response_id: 1,
    };
    const data = parseTrainingJsonl(jsonl([row, { ...row, safer_response_id: 0 }]), "pku.jsonl");
    expect(data).toMatchObject({ kind: "preference", format: "trl", readAs: "pku-saferlhf" });
    expect(data.rows[0]).toEqual({
      prompt: [user(row.prompt)],
      chosen: [assistant(row.response_1)],
      rejected: [assistant(row.response_0)],
    });
    expect(data.rows[1]).toMatchObject({ chosen: [assistant(row.response_0)] });
    expect(() => parseTrainingJsonl(jsonl([{ ...row, safer_response_id: 2 }]), "pku.jsonl")).toThrow(
      /must be 0 or 1, got 2/,
    );
  });

  it("takes the shared leading words of TRL implicit-prompt plain rows as the prompt, not HH", () => {
    const data = parseTrainingJsonl(
      jsonl([{ chosen: "The sky is blue.", rejected: "The sky is bleak." }]),
      "implicit.jsonl",
    );
    expect(data.format).toBe("trl");
    expect(data.rows).toEqual([
      { prompt: [user("The sky is")], chosen: [assistant("blue.")], rejected: [assistant("bleak.")] },
    ]);
    expect(() => parseTrainingJsonl(jsonl([{ chosen: "Yes.", rejected: "No." }]), "n.jsonl")).toThrow(
      /share no leading text/,
    );
    expect(() => parseTrainingJsonl(jsonl([{ chosen: "A b", rejected: "A b c" }]), "n.jsonl")).toThrow(
      /no answer after the shared prompt/,
    );
  });
});

describe("KTO rows become DPO pairs per prompt", () => {
  const kto = (prompt: string, completion: string, label: boolean) => ({ prompt, completion, label });
  const text = jsonl([
    kto("sky?", "Blue.", true),
    kto("sky?", "Green.", false),
    kto("sky?", "Red.", false),
    kto("grass?", "Green.", true),
    kto("lock?", "Use a wrench.", false),
  ]);

  it("pairs desirable with undesirable completions, max(d, u) pairs cycling the shorter side", () => {
    const data = parseTrainingJsonl(text, "kto.jsonl", "auto", { allowUnpaired: true });
    expect(data).toMatchObject({ kind: "preference", format: "trl", readAs: "kto", unpairedLines: [4, 5] });
    expect(data.rows).toEqual([
      { prompt: [user("sky?")], chosen: [assistant("Blue.")], rejected: [assistant("Green.")] },
      { prompt: [user("sky?")], chosen: [assistant("Blue.")], rejected: [assistant("Red.")] },
    ]);
    expect(toTrainingJsonl(convertTrainingData(data, "hh")).split("\n")).toHaveLength(3);
  });

  it("refuses rows that cannot pair unless the caller reports them (training never drops them unseen)", () => {
    let err: unknown;
    try {
      parseTrainingJsonl(text, "kto.jsonl");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BreakfixError);
    expect((err as BreakfixError).toLine()).toMatch(/2 of 5 KTO rows .*lines 4, 5/);
    expect((err as BreakfixError).fix).toMatch(/train convert kto\.jsonl --from kto --to trl/);
    expect(() =>
      parseTrainingJsonl(jsonl([{ prompt: "q", completion: "a", label: "yes" }]), "k.jsonl"),
    ).toThrow(/must be true or false, got "yes"/);
  });
});
