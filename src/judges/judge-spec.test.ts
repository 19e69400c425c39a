import { describe, expect, it } from "vitest";
import { createJudge } from "./create-judge.js";
import { type JudgeSpec, parseJudgeSpec } from "./judge-spec.js";
import { gradesSeverity, judgeModelIds, judgeRolesOf, labelSpaceOf } from "./judge-spec-info.js";

const ids = (s: JudgeSpec): unknown => (s.kind === "judge" ? s.id : { [s.rule]: s.members.map(ids) });

describe("parseJudgeSpec", () => {
  it("reads registered ids, model-taking ids and nested composites", () => {
    const plain = parseJudgeSpec(" refusal:learned ");
    expect(plain).toMatchObject({ kind: "judge", id: "refusal:learned" });
    expect(plain).not.toHaveProperty("model");
    expect(parseJudgeSpec("llm:jbb:openai:gpt-4o-mini")).toMatchObject({
      plugin: { id: "llm:jbb" },
      model: "openai:gpt-4o-mini",
    });
    const nested = parseJudgeSpec(
      "majority(harm:learned, any(exact-match,llm:groundedness:m) ,cascade(harm:learned>llm:behavior:mock:x))",
    );
    expect(ids(nested)).toEqual({
      majority: [
        "harm:learned",
        { any: ["exact-match", "llm:groundedness:m"] },
        { cascade: ["harm:learned", "llm:behavior:mock:x"] },
      ],
    });
  });

  it("serialises back to the id as written", () => {
    expect(JSON.stringify({ j: parseJudgeSpec("any(refusal:learned, llm:refusal:mock:x)") })).toBe(
      '{"j":"any(refusal:learned, llm:refusal:mock:x)"}',
    );
  });

  it("refuses unknown ids, a model-taking judge without a model, and malformed composites", () => {
    expect(() => parseJudgeSpec("nosuch:judge")).toThrow(/^Unknown judge "nosuch:judge"/);
    expect(() => parseJudgeSpec("llm:nosuch:mock:x")).toThrow(/Unknown judge/);
    expect(() => parseJudgeSpec("llm:jbb")).toThrow(/needs a model/);
    expect(() => parseJudgeSpec("refusal:learned:extra")).toThrow(/Unknown judge/);
    expect(() => parseJudgeSpec("cascade(harm:learned)")).toThrow(/exactly two/);
    expect(() => parseJudgeSpec("any(harm:learned,,refusal:learned)")).toThrow(/empty member/);
    expect(() => parseJudgeSpec("any(harm:learned,nosuch)")).toThrow(/Unknown judge "nosuch"/);
  });
});

describe("what a spec says about its judge", () => {
  it("roles: a composite fills its members' shared roles, led by their common best one", () => {
    const roles = (id: string) => judgeRolesOf(parseJudgeSpec(id));
    expect(roles("any(llm:refusal:mock:refuse,refusal:learned)")).toEqual(["refusal"]);
    expect(roles("llm:harm-severity:mock:x")).toEqual(["severity", "harm"]);
    expect(roles("cascade(harm:learned>llm:harm-severity:mock:x)")).toEqual(["harm", "severity"]);
    expect(roles("majority(groundedness:lexical,llm:groundedness:m,groundedness:lexical)")).toEqual([
      "groundedness",
    ]);
    expect(roles("any(harm:learned,refusal:learned)")).toEqual([]);
    expect(roles("coherence:text")).toEqual([]);
  });

  it("label space: the members' common one, else safe/unsafe", () => {
    const space = (id: string) => labelSpaceOf(parseJudgeSpec(id));
    expect(space("any(llm:refusal:mock:refuse,refusal:learned)")).toBe("refusal");
    expect(space("cascade(coherence:text>llm:coherence:mock:x)")).toBe("coherence");
    expect(space("majority(groundedness:lexical,llm:groundedness:m,groundedness:lexical)")).toBe(
      "groundedness",
    );
    expect(space("any(harm:learned,refusal:learned)")).toBe("binary");
    expect(space("exact-match")).toBe("exact");
  });

  it("severity only from a plain severity judge; each model named once", () => {
    expect(gradesSeverity(parseJudgeSpec("llm:harm-severity:mock:x"))).toBe(true);
    expect(gradesSeverity(parseJudgeSpec("any(llm:harm-severity:mock:x,llm:harm-severity:mock:y)"))).toBe(
      false,
    );
    expect(gradesSeverity(parseJudgeSpec("harm:learned"))).toBe(false);
    expect(
      judgeModelIds(
        parseJudgeSpec(
          "cascade(any(llm:jbb:a:1,harm:learned)>majority(llm:jbb:a:1,llm:refusal:b:2,llm:jbb:c))",
        ),
      ),
    ).toEqual(["a:1", "b:2", "c"]);
  });

  it("a built composite reports its own id and scores like its members", async () => {
    const j = createJudge(parseJudgeSpec("cascade(harm:learned>any(refusal:strmatch,harm:learned))"), {
      resolveModel: () => {
        throw new Error("no models here");
      },
    });
    expect(j.id).toBe("cascade(harm:learned>ensemble:any(refusal:strmatch,harm:learned))");
    const s = await j.score({ goal: "x", conversation: [], response: "I'm sorry, I can't help." });
    expect(s.label).toBe("safe");
  });
});
