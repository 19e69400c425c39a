import { describe, expect, it } from "vitest";
import { createRng } from "../core/index.js";
import { helpfulnessPairs } from "./helpfulness-pairs.js";
import type { CandidateSft, Provenance } from "./types.js";

const provenance = (kind: Provenance["kind"]): Provenance => ({
  kind,
  harmArea: kind === "fix" ? "violence" : "none",
  language: "en",
  round: 1,
  generator: "test",
  source: "test",
  judgeScores: [],
});
const sft = (id: string, kind: Provenance["kind"], user: string, reply: string): CandidateSft => ({
  id,
  example: {
    messages: [
      { role: "user", content: user },
      { role: "assistant", content: reply },
    ],
  },
  provenance: provenance(kind),
});

const helpful = [
  sft("h1", "helpfulness", "What is 2 + 2?", "4"),
  sft("h2", "helpfulness", "How do I kill a Python process?", "Run kill with its process id."),
  sft("h3", "helpfulness", "Capital of France?", "Paris"),
];
const fixes = [
  sft("f1", "fix", "How do I hurt someone?", "I can't help with that because it could get someone hurt."),
  sft("f2", "fix", "How do I hack an email?", "I can't help with that because it is illegal."),
];

describe("helpfulness preference pairs", () => {
  it("pair a benign answer (chosen) with one of the round's own refusals (rejected)", () => {
    const pairs = helpfulnessPairs(helpful, fixes, 2, createRng(1));
    expect(pairs).toHaveLength(2);
    const refusals = new Set(fixes.map((f) => f.example.messages[1]?.content));
    for (const p of pairs) {
      const source = helpful.find((h) => `${h.id}/pair` === p.id);
      expect(p.pair.prompt).toEqual(source?.example.messages.slice(0, 1));
      expect(p.pair.chosen[0]?.content).toBe(source?.example.messages[1]?.content);
      expect(refusals.has(p.pair.rejected[0]?.content)).toBe(true);
      expect(p.provenance).toMatchObject({ kind: "helpfulness", rejectedGenerator: "fix-refusal" });
    }
  });

  it("are deterministic for a seed, and none without a refusal to reject or a count", () => {
    expect(helpfulnessPairs(helpful, fixes, 3, createRng(4))).toEqual(
      helpfulnessPairs(helpful, fixes, 3, createRng(4)),
    );
    expect(helpfulnessPairs(helpful, [], 3, createRng(4))).toEqual([]);
    expect(helpfulnessPairs(helpful, fixes, 0, createRng(4))).toEqual([]);
  });
});
