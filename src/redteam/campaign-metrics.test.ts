import { describe, expect, it } from "vitest";
import type { AttackResult } from "../core/index.js";
import { campaignMetrics } from "./campaign-metrics.js";

const row = (objectiveId: string, attempt: number, over: Partial<AttackResult>): AttackResult => ({
  runId: "r",
  objectiveId,
  attempt,
  strategy: "direct",
  converters: [],
  outcome: "failure",
  transcript: [
    { role: "user", content: "q" },
    { role: "assistant", content: "a" },
  ],
  queries: 1,
  scores: [],
  harmArea: "area-x",
  language: "en",
  ...over,
});

describe("campaign metrics", () => {
  const rows = [
    row("a", 0, { queries: 1 }),
    row("a", 1, {
      strategy: "template",
      template: "template:breakfix/role-play",
      converters: ["base64"],
      outcome: "success",
      queries: 3,
    }),
    row("b", 0, { outcome: "error", error: "target failed: timeout", transcript: [], harmArea: "area-y" }),
    row("c", 0, { queries: 6, language: "fr" }),
  ];
  const m = campaignMetrics(rows, { interval: (k, n) => [k / (n + 1), 1] });

  it("objective-level ASR leaves undecided (errored) objectives out of n and counts them apart", () => {
    expect(m.asr).toEqual({ k: 1, n: 2, rate: 0.5, ci: [1 / 3, 1], errors: 1 });
    expect(m.errors).toMatchObject({
      attempts: 1,
      objectives: 1,
      reasons: [{ reason: "target failed: timeout", count: 1 }],
    });
    expect(m.byArea["area-y"]).toMatchObject({ k: 0, n: 0, errors: 1 });
    expect(m.byLanguage).toMatchObject({ en: { k: 1, n: 1 }, fr: { k: 0, n: 1 } });
  });

  it("ASR@k sums queries over steps in persona order up to the first success", () => {
    const at = Object.fromEntries(m.asrAtQueries.map((a) => [a.k, a.rate.k]));
    expect(at).toMatchObject({ 1: 0, 3: 0, 5: 1 });
    expect(m.asrAtQueries.at(-1)).toMatchObject({ k: 6, rate: { k: 1, n: 2 } });
  });

  it("technique breakdowns are per attempt", () => {
    expect(m.byStrategy).toMatchObject({ direct: { k: 0, n: 2, errors: 1 }, template: { k: 1, n: 1 } });
    expect(m.byConverter).toEqual({ base64: expect.objectContaining({ k: 1, n: 1 }) });
    expect(m.byTemplateFamily).toEqual({ breakfix: expect.objectContaining({ k: 1, n: 1 }) });
    expect(m.byTurnDepth["1"]).toMatchObject({ k: 1, n: 3 });
    expect(m.totalQueries).toBe(11);
  });

  it("reports the attempts' degenerate and coherent-refusal shares beside ASR", () => {
    const reply = (content: string) => [
      { role: "user" as const, content: "q" },
      { role: "assistant" as const, content },
    ];
    const m2 = campaignMetrics([
      row("a", 0, { transcript: reply("plorf zanth quibble morx vantle drevin sopple krath") }),
      row("a", 1, { transcript: reply("I can't help with that request.") }),
      row("b", 0, { transcript: reply("I can't help with that request."), outcome: "success" }),
      row("c", 0, { outcome: "error", transcript: [] }),
    ]);
    // A degenerate reply is no refusal; a success is compliance whatever its wording.
    expect(m2.degenerate).toMatchObject({ k: 1, n: 3, errors: 1 });
    expect(m2.refused).toMatchObject({ k: 1, n: 3, errors: 1 });
  });
});
