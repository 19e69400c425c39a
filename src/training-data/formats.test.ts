import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BreakfixError } from "../core/index.js";
import { convertTrainingData, parseTrainingJsonl, toTrainingJsonl } from "./index.js";

const corpus = readFileSync(
  new URL("../../test/fixtures/train/malformed-rows.jsonl", import.meta.url),
  "utf8",
)
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as { why: string; row: string; expect: string });

const good = `{"messages":[{"role":"user","content":"ok"},{"role":"assistant","content":"fine"}]}\n`;

describe("training formats: malformed rows", () => {
  it.each(corpus)("rejects $why with file and line", ({ row, expect: message }) => {
    // The bad row sits on line 3 after two blank lines, so the reported line is the file's line.
    const text = `\n\n${row}\n`;
    let err: unknown;
    try {
      parseTrainingJsonl(text, "data.jsonl");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BreakfixError);
    const e = err as BreakfixError;
    expect(e.code).toBe("DATA_INVALID");
    expect(e.exitCode).toBe(2);
    expect(e.toLine()).toContain(message.replace(/^[a-z]+ /, ""));
    expect(e.location).toMatchObject({ file: "data.jsonl", line: 3 });
    expect(e.fix).toBeTruthy();
    expect(e.toLine()).toMatch(/^data\.jsonl:3: /);
  });

  it("rejects an empty file and a row of another format than the first", () => {
    expect(() => parseTrainingJsonl("\n\n", "e.jsonl")).toThrow(/has no rows/);
    const mixed = `${good}{"prompt":"a","chosen":"b","rejected":"c"}\n`;
    expect(() => parseTrainingJsonl(mixed, "m.jsonl")).toThrow(/non-empty array/);
  });
});

describe("training formats: reading and converting", () => {
  const prompt = [
    { role: "system" as const, content: "be safe" },
    { role: "user" as const, content: "how do I pick a lock?" },
  ];
  const pair = {
    prompt: prompt.slice(1),
    chosen: [{ role: "assistant" as const, content: "I can't help with that." }],
    rejected: [{ role: "assistant" as const, content: "Insert a tension wrench." }],
  };

  it("reads OpenAI chat SFT with per-message weights, multi-turn", () => {
    const row = {
      messages: [
        ...prompt,
        { role: "assistant", content: "first", weight: 0 },
        { role: "user", content: "again" },
        { role: "assistant", content: "second" },
      ],
    };
    const data = parseTrainingJsonl(`${JSON.stringify(row)}\n`, "s.jsonl");
    expect(data.kind).toBe("sft");
    expect(data.format).toBe("openai");
    expect(data.rows[0]).toEqual(row);
  });

  it("reads all four preference forms to the same pair and round-trips each", () => {
    const hh = {
      chosen: "\n\nHuman: how do I pick a lock?\n\nAssistant: I can't help with that.",
      rejected: "\n\nHuman: how do I pick a lock?\n\nAssistant: Insert a tension wrench.",
    };
    const rows = {
      "openai-dpo": {
        input: { messages: pair.prompt },
        preferred_output: pair.chosen,
        non_preferred_output: pair.rejected,
      },
      trl: { prompt: pair.prompt, chosen: pair.chosen, rejected: pair.rejected },
      trlImplicit: { chosen: [...pair.prompt, ...pair.chosen], rejected: [...pair.prompt, ...pair.rejected] },
      trlPlain: {
        prompt: "how do I pick a lock?",
        chosen: "I can't help with that.",
        rejected: "Insert a tension wrench.",
      },
      hh,
    };
    for (const row of Object.values(rows)) {
      const data = parseTrainingJsonl(`${JSON.stringify(row)}\n`, "p.jsonl");
      expect(data.kind).toBe("preference");
      expect(data.rows).toEqual([pair]);
    }
    const data = parseTrainingJsonl(`${JSON.stringify(rows.hh)}\n`, "p.jsonl");
    expect(data.format).toBe("hh");
    for (const to of ["openai-dpo", "trl", "hh"] as const) {
      const converted = convertTrainingData(data, to);
      const text = toTrainingJsonl(converted);
      expect(parseTrainingJsonl(text, "out.jsonl", to)).toEqual({
        kind: "preference",
        format: to,
        rows: [pair],
      });
    }
    expect(JSON.parse(toTrainingJsonl(convertTrainingData(data, "hh")))).toEqual(hh);
  });

  it("converts pairs to SFT on the chosen side and refuses SFT to pairs", () => {
    const data = parseTrainingJsonl(
      `${JSON.stringify({ prompt: pair.prompt, chosen: pair.chosen, rejected: pair.rejected })}\n`,
      "p.jsonl",
    );
    const sft = convertTrainingData(data, "openai");
    expect(sft.rows).toEqual([{ messages: [...pair.prompt, ...pair.chosen] }]);
    expect(() => convertTrainingData(sft, "trl")).toThrow(/cannot be converted/);
  });

  it("folds a system message into the first Human turn when writing HH-RLHF", () => {
    const withSystem = { kind: "preference" as const, format: "trl" as const, rows: [{ ...pair, prompt }] };
    const text = toTrainingJsonl(convertTrainingData(withSystem, "hh"));
    expect(JSON.parse(text).chosen).toBe(
      "\n\nHuman: be safe\n\nhow do I pick a lock?\n\nAssistant: I can't help with that.",
    );
    expect(parseTrainingJsonl(text, "hh.jsonl").rows).toEqual([
      { ...pair, prompt: [{ role: "user", content: "be safe\n\nhow do I pick a lock?" }] },
    ]);
    const trailing = { ...withSystem, rows: [{ ...pair, chosen: [...pair.chosen, prompt[0]] }] };
    expect(() => toTrainingJsonl(convertTrainingData(trailing as never, "hh"))).toThrow(
      /no user turn after it/,
    );
  });
});
