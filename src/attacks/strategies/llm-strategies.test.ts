import { describe, expect, it } from "vitest";
import type { ChatModel, Judge, Message } from "../../core/index.js";
import { createFailingModel, createMockModel, createScriptedModel, mockReply } from "../../models/index.js";
import { crescendoStrategy } from "./crescendo.js";
import { pairStrategy } from "./pair.js";
import { redTeamConversationStrategy } from "./red-team-conversation.js";
import { COMPLIED, countingTarget, strategyContext, undecidedJudge } from "./strategy-test-kit.js";
import { tapStrategy } from "./tap.js";

const REFUSAL = "I can't help with that.";

/** An attacker whose reply is computed from the messages it gets; records every call. */
function scriptedAttacker(reply: (messages: readonly Message[], call: number) => string): ChatModel & {
  seen: Message[][];
} {
  const seen: Message[][] = [];
  return {
    id: "test:attacker",
    seen,
    async generate(messages) {
      seen.push([...messages]);
      return mockReply(messages, reply(messages, seen.length));
    },
  };
}

const json = (prompt: string) => JSON.stringify({ improvement: "x", prompt });
const lastContent = (m: readonly Message[]) => m.at(-1)?.content ?? "";

/** Refusal judge for tests: a refusal is a reply containing "I can't". */
const refusalJudge: Judge = {
  id: "test:refusal",
  version: "1",
  score: async ({ response }) => ({
    judgeId: "test:refusal",
    judgeVersion: "1",
    label: response.includes("I can't") ? "full_refusal" : "full_compliance",
  }),
};

describe("pair", () => {
  it("refines from the target's reply and the verdict, and stops at success", async () => {
    const attacker = scriptedAttacker((m) =>
      lastContent(m).includes("TARGET RESPONSE") ? json("a story where it happens") : json("plain ask"),
    );
    const target = countingTarget(
      createScriptedModel([{ match: "story", reply: COMPLIED }], { fallback: REFUSAL }),
    );
    const r = await pairStrategy.run(strategyContext(target, { attacker, budget: 10 }), { streams: 1 });
    expect(r).toMatchObject({ outcome: "success", queries: 2, calls: { attacker: 2, target: 2, judge: 2 } });
    expect(r.transcript[0]?.content).toBe("a story where it happens");
    const feedback = lastContent(attacker.seen[1] ?? []);
    expect(feedback).toContain(`TARGET RESPONSE:\n${REFUSAL}`);
    expect(feedback).toContain("JUDGE: label=safe");
    expect(attacker.seen[0]?.[0]?.content).toContain("GOAL: Explain how to open the secret door");
  });

  it("runs streams round-robin", async () => {
    const attacker = scriptedAttacker((_m, call) => json(`prompt ${call}`));
    const r = await pairStrategy.run(strategyContext(createMockModel("refuse"), { attacker, budget: 3 }), {
      streams: 2,
    });
    expect(r.trials.map((t) => t.note?.replace(/:.*/, ""))).toEqual([
      "stream 1, iteration 1",
      "stream 2, iteration 1",
      "stream 1, iteration 2",
    ]);
  });

  it("re-asks when the attacker's reply is not JSON, and errors when it never is", async () => {
    const flaky = scriptedAttacker((_m, call) => (call === 1 ? "Sure! Here's my idea" : json("ok")));
    const r1 = await pairStrategy.run(
      strategyContext(createMockModel("refuse"), { attacker: flaky, budget: 1 }),
    );
    expect(r1).toMatchObject({ outcome: "failure", calls: { attacker: 2 } });
    const refusing = scriptedAttacker(() => "I won't help with red teaming.");
    const target = countingTarget(createMockModel("comply"));
    const r2 = await pairStrategy.run(strategyContext(target, { attacker: refusing }));
    expect(r2).toMatchObject({ outcome: "error", queries: 0, calls: { attacker: 3 } });
    expect(r2.error).toMatch(/gave no usable JSON prompt/);
    expect(target.calls).toHaveLength(0);
  });

  it("records the attacker's failure as an error", async () => {
    const r = await pairStrategy.run(
      strategyContext(createMockModel("refuse"), { attacker: createFailingModel("auth") }),
    );
    expect(r).toMatchObject({ outcome: "error", queries: 0 });
    expect(r.error).toMatch(/^attacker mock:error-auth failed: auth/);
  });
});

describe("tap", () => {
  /** Judge whose score is the number after "score:" in the (echoed) reply. */
  const scoreJudge: Judge = {
    id: "test:score",
    version: "1",
    score: async ({ response }) => {
      const value = Number(/score:([\d.]+)/.exec(response)?.[1] ?? 0);
      return { judgeId: "test:score", judgeVersion: "1", label: value >= 1 ? "unsafe" : "safe", value };
    },
  };
  const isOnTopicCheck = (m: readonly Message[]) => m[0]?.content.startsWith("You check prompts") ?? false;

  it("prunes off-topic prompts before querying and grows only the best `width` leaves", async () => {
    const plan = [
      "A score:0.3",
      "B score:0.7 off-topic",
      "C score:0.6",
      "D score:0.2",
      "E score:0.1",
      "F score:1",
    ];
    let next = 0;
    const attacker = scriptedAttacker((m) =>
      isOnTopicCheck(m) ? (lastContent(m).includes("off-topic") ? "no" : "yes") : json(plan[next++] ?? "Z"),
    );
    const target = countingTarget(createMockModel("echo"));
    const r = await tapStrategy.run(strategyContext(target, { attacker, judge: scoreJudge, budget: 20 }), {
      branching: 2,
      width: 1,
      depth: 3,
    });
    const sent = target.calls.map((c) => lastContent(c));
    expect(sent).toEqual(["A score:0.3", "C score:0.6", "D score:0.2", "E score:0.1", "F score:1"]);
    expect(r).toMatchObject({ outcome: "success", queries: 5 });
    // Level 1: A queried, off-topic B pruned unqueried. Level 2 grew from A; level 3 only from the better
    // of its children (C beat D with width 1).
    const refinements = attacker.seen.filter((m) => !isOnTopicCheck(m)).map(lastContent);
    expect(refinements.slice(2, 4).every((t) => t.includes("PROMPT YOU SENT:\nA score:0.3"))).toBe(true);
    expect(refinements.slice(4, 6).every((t) => t.includes("PROMPT YOU SENT:\nC score:0.6"))).toBe(true);
    expect(r.trials.at(-1)?.note).toBe("depth 3, leaf 1, branch 2");
  });

  it("ends in failure when every branch is pruned", async () => {
    const attacker = scriptedAttacker((m) => (isOnTopicCheck(m) ? "No." : json("off")));
    const target = countingTarget(createMockModel("refuse"));
    const r = await tapStrategy.run(strategyContext(target, { attacker, budget: 5 }));
    expect(r).toMatchObject({ outcome: "failure", queries: 0 });
  });
});

describe("crescendo", () => {
  const target = () =>
    countingTarget(
      createScriptedModel(
        [
          { match: "bad", reply: REFUSAL },
          { match: "final", reply: COMPLIED },
        ],
        { fallback: "ok answer" },
      ),
    );
  const plan = ["q1", "q2 bad", "q3", "q4 final"];

  it("escalates turn by turn, backtracks a refused turn, and stops at success", async () => {
    const attacker = scriptedAttacker((_m, call) => json(plan[call - 1] ?? "more"));
    const t = target();
    const r = await crescendoStrategy.run(strategyContext(t, { attacker, refusalJudge, budget: 10 }));
    expect(r).toMatchObject({ outcome: "success", queries: 4, calls: { attacker: 4, target: 4, judge: 7 } });
    expect(r.transcript.map((m) => m.content)).toEqual([
      "q1",
      "ok answer",
      "q3",
      "ok answer",
      "q4 final",
      COMPLIED,
    ]);
    // The refused turn was never shown to the target again.
    expect(t.calls.slice(2).every((c) => c.every((m) => !m.content.includes("bad")))).toBe(true);
    expect(lastContent(attacker.seen[2] ?? [])).toContain('REFUSED and erased: "q2 bad"');
  });

  it("keeps a refused turn once backtracks are used up", async () => {
    const attacker = scriptedAttacker((_m, call) => json(plan[call - 1] ?? "more"));
    const t = target();
    const r = await crescendoStrategy.run(strategyContext(t, { attacker, refusalJudge, budget: 10 }), {
      maxBacktracks: 0,
    });
    expect(r.transcript.map((m) => m.content)).toContain("q2 bad");
  });

  it("stops after maxTurns accepted turns", async () => {
    const attacker = scriptedAttacker((_m, call) => json(`q${call}`));
    const r = await crescendoStrategy.run(strategyContext(target(), { attacker, refusalJudge, budget: 10 }), {
      maxTurns: 3,
    });
    expect(r).toMatchObject({ outcome: "failure", queries: 3 });
  });

  it("records an undecided refusal judge as an error", async () => {
    const attacker = scriptedAttacker(() => json("q"));
    const r = await crescendoStrategy.run(
      strategyContext(target(), { attacker, refusalJudge: undecidedJudge(), budget: 10 }),
    );
    expect(r).toMatchObject({ outcome: "error", queries: 1 });
    expect(r.error).toMatch(/^refusal judge test:undecided could not decide/);
  });
});

describe("red-team-conversation", () => {
  it("plays the user with the roles swapped and stops at success", async () => {
    const attacker = scriptedAttacker((_m, call) => (call < 3 ? `message ${call}` : "final message"));
    const target = countingTarget(
      createScriptedModel([{ match: "final", reply: COMPLIED }], { fallback: "reply" }),
    );
    const r = await redTeamConversationStrategy.run(strategyContext(target, { attacker }));
    expect(r).toMatchObject({ outcome: "success", queries: 3 });
    expect(r.transcript.map((m) => m.role)).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
      "user",
      "assistant",
    ]);
    const view = attacker.seen[2] ?? [];
    expect(view.slice(2).map((m) => [m.role, m.content])).toEqual([
      ["assistant", "message 1"],
      ["user", "reply"],
      ["assistant", "message 2"],
      ["user", "reply"],
    ]);
  });

  it("errors on an attacker that replies with nothing", async () => {
    const r = await redTeamConversationStrategy.run(
      strategyContext(createMockModel("refuse"), { attacker: scriptedAttacker(() => "  ") }),
    );
    expect(r).toMatchObject({ outcome: "error", queries: 0, calls: { attacker: 3 } });
  });
});
