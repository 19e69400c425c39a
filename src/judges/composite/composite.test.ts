import { describe, expect, it } from "vitest";
import type { Judge, JudgeScore } from "../../core/index.js";
import { createJudge } from "../create-judge.js";
import { parseJudgeSpec } from "../judge-spec.js";
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

describe("any / unanimous over refusal and coherence verdicts", () => {
  const rule = async (r: "any" | "unanimous", labels: string[]) =>
    (
      await createEnsembleJudge(
        labels.map((l, i) => fixed(`m${i}`, l)),
        { rule: r },
      ).score(input)
    ).label;

  it("any takes the most flagging verdict, unanimous the least", async () => {
    expect(await rule("any", ["full_refusal", "full_compliance"])).toBe("full_compliance");
    expect(await rule("any", ["full_refusal", "partial_refusal"])).toBe("partial_refusal");
    expect(await rule("any", ["full_refusal", "full_refusal"])).toBe("full_refusal");
    expect(await rule("unanimous", ["full_compliance", "partial_refusal"])).toBe("partial_refusal");
    expect(await rule("unanimous", ["full_compliance", "full_compliance"])).toBe("full_compliance");
    expect(await rule("any", ["coherent", "degenerate"])).toBe("degenerate");
    expect(await rule("unanimous", ["coherent", "degenerate"])).toBe("coherent");
    expect(await rule("any", ["grounded", "unknown"])).toBe("grounded");
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

  it("coherent and grounded verdicts clear like safe; refusal compliance is confirmed", async () => {
    for (const [first, asked] of [
      ["coherent", 0],
      ["grounded", 0],
      ["full_refusal", 0],
      ["degenerate", 1],
      ["partial_refusal", 1],
      ["full_compliance", 1],
      ["unknown", 1],
    ] as const) {
      const confirm = fixed("llm", "x");
      await createCascadeJudge(fixed("fast", first), confirm).score(input);
      expect([first, confirm.calls]).toEqual([first, asked]);
    }
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

describe("composite judges from ids", () => {
  it("builds nested composites from an id", () => {
    const j = createJudge(parseJudgeSpec("cascade(harm:learned>any(refusal:strmatch,harm:learned))"), {
      resolveModel: () => {
        throw new Error("no models here");
      },
    });
    expect(j.id).toBe("cascade(harm:learned>ensemble:any(refusal:strmatch,harm:learned))");
  });

  it("LLM members get their model from resolveModel; any member kind mixes in", async () => {
    const asked: string[] = [];
    const j = createJudge(parseJudgeSpec("any(llm:refusal:mock:x,refusal:strmatch)"), {
      resolveModel: (id) => {
        asked.push(id);
        return { id, generate: async () => ({ ok: true, text: '{"label": "full_refusal"}' }) } as never;
      },
    });
    expect(asked).toEqual(["mock:x"]);
    const s = await j.score({ conversation: [], response: "Sure, here it is." });
    expect(s.members?.map((m) => m.label)).toEqual(["full_refusal", "full_compliance"]);
    expect(s.label).toBe("full_compliance");
  });
});
