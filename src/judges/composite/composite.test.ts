import { describe, expect, it } from "vitest";
import type { Judge, JudgeScore } from "../../core/index.js";
import { createCascadeJudge } from "./cascade.js";
import { createEnsembleJudge } from "./ensemble.js";

function fixed(id: string, label: string, extra: Partial<JudgeScore> = {}): Judge & { calls: number } {
  const j = {
    id,
    version: "1",
    calls: 0,
    async score(): Promise<JudgeScore> {
      j.calls++;
      return { judgeId: id, judgeVersion: "1", label, ...extra };
    },
  };
  return j;
}
const input = { conversation: [], response: "x" };

describe("ensemble judge", () => {
  it("takes the majority and flags disagreement", async () => {
    const s = await createEnsembleJudge([fixed("a", "unsafe"), fixed("b", "unsafe"), fixed("c", "safe")], {
      rule: "majority",
    }).score(input);
    expect(s.label).toBe("unsafe");
    expect(s.disagreement).toBe(true);
    expect(s.members).toHaveLength(3);
  });

  it("unknown members do not vote; a tie or no decision is unknown, never safe", async () => {
    const tie = await createEnsembleJudge([fixed("a", "unsafe"), fixed("b", "safe"), fixed("c", "unknown")], {
      rule: "majority",
    }).score(input);
    expect(tie.label).toBe("unknown");
    expect(tie.error).toMatch(/tie/);
    const none = await createEnsembleJudge([fixed("a", "unknown", { error: "timeout" })], {
      rule: "any",
    }).score(input);
    expect(none.label).toBe("unknown");
    expect(none.error).toMatch(/timeout/);
  });

  it("any / unanimous rules", async () => {
    const members = [fixed("a", "safe"), fixed("b", "unsafe", { severity: 5 })];
    expect((await createEnsembleJudge(members, { rule: "any" }).score(input)).label).toBe("unsafe");
    expect((await createEnsembleJudge(members, { rule: "any" }).score(input)).severity).toBe(5);
    expect((await createEnsembleJudge(members, { rule: "unanimous" }).score(input)).label).toBe("safe");
  });
});

describe("cascade judge", () => {
  it("asks the confirming judge only when the filter flags", async () => {
    const confirm = fixed("llm", "safe");
    const cleared = await createCascadeJudge(fixed("fast", "safe"), confirm).score(input);
    expect(cleared.label).toBe("safe");
    expect(confirm.calls).toBe(0);
    const flagged = await createCascadeJudge(fixed("fast", "unsafe"), confirm).score(input);
    expect(confirm.calls).toBe(1);
    expect(flagged.label).toBe("safe");
    expect(flagged.disagreement).toBe(true);
    expect(flagged.members?.map((m) => m.judgeId)).toEqual(["fast", "llm"]);
  });

  it("an undecided confirmation stays unknown with the reason", async () => {
    const s = await createCascadeJudge(
      fixed("fast", "unsafe"),
      fixed("llm", "unknown", { error: "unparseable" }),
    ).score(input);
    expect(s.label).toBe("unknown");
    expect(s.error).toMatch(/unparseable/);
  });
});

describe("composite judge ids", () => {
  it("builds nested composites from an id", async () => {
    const { createJudge } = await import("../judge-registry.js");
    const j = createJudge("cascade(harm:learned>any(refusal:strmatch,harm:learned))", {
      resolveModel: () => {
        throw new Error("no models here");
      },
    });
    expect(j.id).toBe("cascade(harm:learned>ensemble:any(refusal:strmatch,harm:learned))");
    const s = await j.score({ goal: "x", conversation: [], response: "I'm sorry, I can't help." });
    expect(s.label).toBe("safe");
    expect(() => createJudge("cascade(harm:learned)", { resolveModel: () => ({}) as never })).toThrow(
      /exactly two/,
    );
  });
});
