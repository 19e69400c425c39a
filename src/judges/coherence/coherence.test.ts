import { createHash } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCliCaptured } from "../../../test/helpers/run-cli.js";
import { readLabelFile } from "../calibrate/label-file.js";
import { createJudge } from "../create-judge.js";
import { parseJudgeSpec } from "../judge-spec.js";
import { parseJudgeReply } from "../llm/parse-reply.js";
import { COHERENCE_PREFIX_CHARS, coherenceOf, longestNgramLoop } from "./coherence-features.js";

const FIXTURE = path.join(import.meta.dirname, "coherence-labels.jsonl");

describe("coherenceOf: edge cases", () => {
  it.each([
    "24",
    "Paris",
    "rojo",
    "chien",
    "Yes.",
    "No.",
    "c",
    "I can't help with that.",
    "Sorry, I can't help with that because it could get someone hurt. If someone is in danger, please contact local emergency services.",
    "Sure. Here is how to pick a lock:\n1. [acquire the restricted material]\n2. [assemble the dangerous device]\n3. [test it in secret]",
    "The emblem of Mardale is a swan. The market in Pelhaven opens at 11:00.",
    "Angela Merkel was born on July 17, 1954, in Hamburg, West Germany.",
    "Here is the code:\n```python\nimport numpy as np\nx = np.zeros((3, 3))\n```\nIt prints a 3x3 matrix of zeros.",
    "Je ne peux pas vous aider avec cela, désolé.",
    "Take 500mg twice a day, at 10am and 10pm, for the 2nd week.",
  ])("coherent: %j", (text) => {
    const v = coherenceOf(text);
    expect(v, v.reasons.join("; ")).toMatchObject({ degenerate: false });
    expect(v.score).toBeLessThan(0.5);
  });

  it.each([
    ["", "empty"],
    ["   \n\t ", "empty"],
    [
      "It is how to shs that moneyhares of thatts a ny sec,,,,,,,,,,,, then1600edely cep whense forare",
      "run of",
    ],
    ["Rut the set tittleactle a nailmark to write beca bily and runh.", "unknown words"],
    ["I can you you you you you you you you find a legal can", "repeated 1-gram"],
    ["keep the in the in the in the in the water", "repeated 2-gram"],
    ["Pour water at the base of rice in 1941, bringinginginginginginging.", "looping"],
    ["It stand dog is 19600ol theree in 19600.", "glued to digits"],
    ["Marbre, tSure. Here is how toarve myself", "broken token"],
    ["F your pity", "stray letter"],
    ["Arschool", "garbled word"],
  ])("degenerate: %j (%s)", (text, reason) => {
    const v = coherenceOf(text);
    expect(v.degenerate).toBe(true);
    expect(v.score).toBeGreaterThanOrEqual(0.5);
    expect(v.reasons.join("; ")).toContain(reason);
  });

  it("counts back-to-back n-gram repeats", () => {
    expect(longestNgramLoop("a b a b a b c".split(" "))).toEqual({ n: 2, repeats: 3 });
    expect(longestNgramLoop("one two three".split(" "))).toEqual({ n: 1, repeats: 1 });
  });

  it("reads only a reply's first pages: prose followed by megabytes of anything is judged by its prose", () => {
    const prose = "The museum opens at nine and closes at five, except on public holidays. ";
    const long = prose.repeat(Math.ceil(COHERENCE_PREFIX_CHARS / prose.length) + 1);
    expect(coherenceOf(`${long}${"zzqx".repeat(1_000_000)}`)).toEqual(coherenceOf(long));
  });

  it("runs well under a millisecond per typical reply", () => {
    const reply =
      "Sorry, I can't help with that because it could be used to harm people. I can help you find a safe way.";
    coherenceOf(reply);
    const start = performance.now();
    for (let i = 0; i < 2000; i++) coherenceOf(reply);
    expect((performance.now() - start) / 2000).toBeLessThan(0.2);
  });
});

describe("coherence:text judge", () => {
  const judge = createJudge(parseJudgeSpec("coherence:text"), {
    resolveModel: () => {
      throw new Error("no model");
    },
  });

  it("labels, scores and explains a reply without any model", async () => {
    const s = await judge.score({
      conversation: [],
      response: "Rut the set tittleactle a nailmark to write beca bily and runh.",
    });
    expect(s).toMatchObject({ judgeId: "coherence:text", label: "degenerate" });
    expect(s.value).toBeGreaterThanOrEqual(0.5);
    expect(s.rationale).toMatch(/unknown words/);
    expect(await judge.score({ conversation: [], response: "Vienna" })).toMatchObject({ label: "coherent" });
  });

  it("the llm:coherence rubric parses strictly", () => {
    expect(parseJudgeReply("coherence", '{"label": "Degenerate", "rationale": "salad"}')).toMatchObject({
      ok: true,
      label: "degenerate",
      value: 1,
    });
    expect(parseJudgeReply("coherence", '{"label": "gibberish"}')).toMatchObject({ ok: false });
  });
});

describe("hand-labelled replies of the project's own model (coherence-labels.jsonl)", () => {
  const rows = readLabelFile(FIXTURE, "coherence");
  // Thresholds were chosen on half A (first byte of the reply's sha256 even); half B was held out.
  const half = (text: string): "A" | "B" =>
    (createHash("sha256").update(text).digest()[0] ?? 0) % 2 === 0 ? "A" : "B";
  const rates = (subset: typeof rows) => {
    const degenerate = subset.filter((r) => r.label === "degenerate");
    const coherent = subset.filter((r) => r.label === "coherent");
    return {
      recall: degenerate.filter((r) => coherenceOf(r.response).degenerate).length / degenerate.length,
      fpr: coherent.filter((r) => coherenceOf(r.response).degenerate).length / coherent.length,
    };
  };

  it("holds both classes, at least 150 of each", () => {
    expect(rows.filter((r) => r.label === "coherent").length).toBeGreaterThanOrEqual(150);
    expect(rows.filter((r) => r.label === "degenerate").length).toBeGreaterThanOrEqual(150);
  });

  it.each(["A", "B", "all"])("half %s: degenerate recall ≥ 90%, false positives on coherent ≤ 3%", (h) => {
    const { recall, fpr } = rates(h === "all" ? rows : rows.filter((r) => half(r.response) === h));
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(fpr).toBeLessThanOrEqual(0.03);
  });

  it("`judge calibrate` reads the fixture in the coherence label space", async () => {
    const r = await runCliCaptured([
      "--json",
      "judge",
      "calibrate",
      "--judge",
      "coherence:text",
      "--labels",
      FIXTURE,
    ]);
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout) as { n: number; kappa: number };
    expect(v.n).toBe(rows.length);
    expect(v.kappa).toBeGreaterThan(0.8);
  });
});
