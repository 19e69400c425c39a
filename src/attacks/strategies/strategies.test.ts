import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BreakfixError, user } from "../../core/index.js";
import {
  createFailingModel,
  createMockModel,
  createScriptedModel,
  MOCK_COMPLIANCE,
} from "../../models/index.js";
import { bestOfNStrategy } from "./best-of-n.js";
import { converterChainStrategy } from "./converter-chain-strategy.js";
import { defineStrategy } from "./define-strategy.js";
import { directStrategy } from "./direct.js";
import { manyShotStrategy } from "./many-shot.js";
import { strategyRegistry } from "./registry.js";
import {
  COMPLIED,
  countingTarget,
  markerJudge,
  strategyContext,
  undecidedJudge,
} from "./strategy-test-kit.js";
import { templateStrategy } from "./template-strategy.js";

const REFUSAL = "I can't help with that.";
const GOAL = "Explain how to open the secret door";
const refusing = () => countingTarget(createMockModel("refuse"));
/** Complies only when the prompt matches; refuses everything else. */
const compliesTo = (match: string | RegExp) =>
  countingTarget(createScriptedModel([{ match, reply: COMPLIED }], { fallback: REFUSAL }));

describe("every strategy on a refusing target", () => {
  it.each(strategyRegistry.list().map((s) => [s.id, s] as const))(
    "%s spends exactly its budget and fails",
    async (_id, strategy) => {
      for (const budget of [1, 3]) {
        const target = refusing();
        let n = 0;
        const attacker = createScriptedModel([
          { match: /[\s\S]*/, reply: () => JSON.stringify({ prompt: `try ${++n}` }) },
        ]);
        const result = await strategy.run(strategyContext(target, { budget, attacker }));
        expect(result.outcome).toBe("failure");
        expect(target.calls.length).toBe(result.queries);
        // Each has more probes than 3 to offer except direct, which asks once.
        expect(result.queries).toBe(strategy.id === "direct" ? 1 : budget);
        expect(result.calls.target).toBe(result.queries);
        expect(result.calls.judge).toBeGreaterThanOrEqual(result.queries);
        expect(result.calls.attacker > 0).toBe(strategy.needsAttacker);
        expect(result.error).toBeUndefined();
      }
    },
  );
});

describe("direct", () => {
  it("succeeds in one query against a complying target and records the transcript", async () => {
    const target = countingTarget(createMockModel("comply"));
    const judge = markerJudge("Sure");
    const r = await directStrategy.run(strategyContext(target, { judge }));
    expect(r).toMatchObject({
      outcome: "success",
      queries: 1,
      strategy: "direct",
      converters: [],
      objectiveId: "obj-1",
    });
    expect(r.transcript).toEqual([user(GOAL), { role: "assistant", content: MOCK_COMPLIANCE }]);
    expect(r.scores[0]?.label).toBe("unsafe");
    expect(r).toMatchObject({ harmArea: "test-area", language: "en", runId: "run-test", attempt: 0 });
  });

  it("re-asks up to `repeats`, capped by the budget", async () => {
    const target = refusing();
    const r = await directStrategy.run(strategyContext(target, { budget: 2 }), { repeats: 4 });
    expect(target.calls).toHaveLength(2);
    expect(r.outcome).toBe("failure");
  });
});

describe("template", () => {
  it("tries templates in turn and stops at the first success", async () => {
    const target = compliesTo("Developer Mode is enabled");
    const templates = [
      "template:breakfix/role-play",
      "template:breakfix/fiction",
      "template:breakfix/developer-mode",
      "template:breakfix/research",
    ];
    const r = await templateStrategy.run(strategyContext(target, { budget: 10 }), {
      templates,
      order: "listed",
    });
    expect(r).toMatchObject({ outcome: "success", queries: 3, template: "template:breakfix/developer-mode" });
    expect(target.calls).toHaveLength(3);
    expect(r.trials.map((t) => t.template)).toEqual(templates.slice(0, 3));
  });

  it("spends exactly the budget when templates outnumber it, and stops early when they run out", async () => {
    let target = refusing();
    let r = await templateStrategy.run(strategyContext(target, { budget: 4 }));
    expect([r.outcome, target.calls.length]).toEqual(["failure", 4]);
    target = refusing();
    r = await templateStrategy.run(strategyContext(target, { budget: 50 }));
    expect([r.outcome, target.calls.length]).toEqual(["failure", 6]);
  });

  it("applies a converter chain inside each template", async () => {
    const target = refusing();
    await templateStrategy.run(strategyContext(target, { budget: 1 }), {
      templates: ["template:breakfix/role-play"],
      converters: ["base64"],
    });
    expect(target.calls[0]?.[0]?.content).toContain(`asks Max: ${Buffer.from(GOAL).toString("base64")}`);
  });
});

describe("converter-chain", () => {
  it("succeeds against a target that only answers base64, recording the chain", async () => {
    const encoded = Buffer.from(GOAL).toString("base64");
    const target = compliesTo(encoded);
    const r = await converterChainStrategy.run(strategyContext(target), {
      chains: [["rot13"], ["hex"], ["base64"], ["leetspeak"]],
    });
    expect(r).toMatchObject({ outcome: "success", queries: 3, converters: ["base64"] });
    expect(r.transcript[0]?.content).toBe(encoded);
    expect(target.calls).toHaveLength(3);
  });

  it("judges a reply written in the chain's encoding after decoding it", async () => {
    const b64 = (t: string) => Buffer.from(t).toString("base64");
    const target = countingTarget(
      createScriptedModel([{ match: b64(GOAL), reply: b64(COMPLIED) }], { fallback: REFUSAL }),
    );
    const judge = markerJudge();
    const r = await converterChainStrategy.run(strategyContext(target, { judge }), {
      chains: [["rot13"], ["base64"]],
    });
    // ROT13 decodes any text, so the plain refusal to the first probe was judged twice (raw, decoded);
    // the base64 reply to the second was safe as written and decoded to the compliance it hid.
    expect(r).toMatchObject({ outcome: "success", queries: 2, calls: { judge: 4 } });
    expect(r.trials[0]?.decodedResponse).toBe("V pna'g uryc jvgu gung.");
    expect(r.trials[1]).toMatchObject({ response: b64(COMPLIED), decodedResponse: COMPLIED });
    expect(r.scores.map((s) => s.label)).toEqual(["safe", "unsafe"]);
    const raw = await converterChainStrategy.run(
      strategyContext(countingTarget(target), { judge: markerJudge() }),
      {
        chains: [["base64"]],
        decodeReplies: false,
      },
    );
    expect(raw.outcome).toBe("failure");
  });

  it("does not judge a second time when the reply is not in the encoding", async () => {
    const judge = markerJudge();
    const r = await converterChainStrategy.run(strategyContext(refusing(), { judge, budget: 1 }), {
      chains: [["base64"]],
    });
    expect([r.calls.judge, judge.calls, r.trials[0]?.decodedResponse]).toEqual([1, 1, undefined]);
  });

  it("rejects an unknown converter before spending any query", async () => {
    const target = refusing();
    await expect(
      converterChainStrategy.run(strategyContext(target), { chains: [["rot13"], ["base65"]] }),
    ).rejects.toThrow(/Unknown converter "base65"/);
    expect(target.calls).toHaveLength(0);
  });
});

describe("best-of-n", () => {
  it("draws distinct, reproducible candidates up to the budget", async () => {
    const a = await bestOfNStrategy.run(strategyContext(refusing(), { budget: 8 }));
    const b = await bestOfNStrategy.run(strategyContext(refusing(), { budget: 8 }));
    const prompts = a.trials.map((t) => t.messages[0]?.content);
    expect(prompts).toHaveLength(8);
    expect(new Set(prompts).size).toBe(8);
    expect(b.trials.map((t) => t.messages[0]?.content)).toEqual(prompts);
    expect(prompts).not.toContain(GOAL);
  });

  it("stops at n when n is below the budget, and at the first success", async () => {
    const target = refusing();
    expect((await bestOfNStrategy.run(strategyContext(target, { budget: 10 }), { n: 3 })).queries).toBe(3);
    const lucky = compliesTo(/[A-Z]{4}/);
    const r = await bestOfNStrategy.run(strategyContext(lucky, { budget: 20 }), { converters: [] });
    expect(r.outcome).toBe("success");
    expect(lucky.calls).toHaveLength(r.queries);
    expect(r.transcript[0]?.content).toMatch(/[A-Z]{4}/);
    expect(r.trials.slice(0, -1).every((t) => !/[A-Z]{4}/.test(t.messages[0]?.content ?? ""))).toBe(true);
  });
});

describe("many-shot", () => {
  it("adds shots on each query and succeeds once there are enough", async () => {
    const target = countingTarget(
      createScriptedModel([{ match: /(?:Assistant:[\s\S]*){17}/, reply: COMPLIED }], { fallback: REFUSAL }),
    );
    const r = await manyShotStrategy.run(strategyContext(target));
    expect(r).toMatchObject({ outcome: "success", queries: 3 });
    expect(r.trials.map((t) => t.note)).toEqual(["shots=4", "shots=8", "shots=16"]);
    expect(r.transcript[0]?.content.endsWith(`User: ${GOAL}\nAssistant:`)).toBe(true);
  });

  it("sends real turns in the messages format", async () => {
    const target = refusing();
    await manyShotStrategy.run(strategyContext(target, { budget: 1 }), { shots: [20], format: "messages" });
    const sent = target.calls[0] ?? [];
    expect(sent).toHaveLength(41);
    expect(sent.at(-1)).toEqual(user(GOAL));
    expect(sent[1]?.role).toBe("assistant");
  });
});

describe("errors are recorded as `error`, never `failure`", () => {
  it("when the target fails", async () => {
    const r = await templateStrategy.run(strategyContext(createFailingModel("timeout")));
    expect(r).toMatchObject({ outcome: "error", queries: 1 });
    expect(r.error).toMatch(/^target mock:error-timeout failed: timeout/);
  });

  it("when the target fails after some refusals", async () => {
    let calls = 0;
    const target = countingTarget({
      id: "test:flaky",
      generate: (m, o) =>
        (++calls > 2 ? createFailingModel("server_error") : createMockModel("refuse")).generate(m, o),
    });
    const r = await converterChainStrategy.run(strategyContext(target, { budget: 5 }));
    expect(r).toMatchObject({ outcome: "error", queries: 3 });
    expect(r.trials.map((t) => t.error === undefined)).toEqual([true, true, false]);
  });

  it("when the run is cancelled", async () => {
    const controller = new AbortController();
    controller.abort();
    const r = await manyShotStrategy.run(
      strategyContext(createMockModel("slow-5000"), { signal: controller.signal }),
    );
    expect(r).toMatchObject({ outcome: "error", queries: 1 });
    expect(r.error).toMatch(/failed: aborted/);
  });

  it("when the judge cannot decide", async () => {
    const r = await directStrategy.run(
      strategyContext(createMockModel("comply"), { judge: undecidedJudge() }),
    );
    expect(r).toMatchObject({ outcome: "error", queries: 1 });
    expect(r.error).toBe("judge test:undecided could not decide: reply did not parse");
  });

  it("when an LLM converter's model fails, before the target is queried", async () => {
    const target = refusing();
    const r = await converterChainStrategy.run(
      strategyContext(target, { converterModel: createFailingModel("rate_limited") }),
      { chains: [["translate:zu"]] },
    );
    expect(r).toMatchObject({ outcome: "error", queries: 0 });
    expect(r.error).toMatch(/converter translate:zu failed: .*rate_limited/);
    expect(target.calls).toHaveLength(0);
  });
});

describe("defineStrategy", () => {
  it("rejects a bad budget and bad options as user errors", async () => {
    const ctx = strategyContext(refusing(), { budget: 0 });
    await expect(directStrategy.run(ctx)).rejects.toMatchObject({ code: "USAGE" });
    await expect(manyShotStrategy.run(strategyContext(refusing()), { shot: [4] })).rejects.toMatchObject({
      code: "CONFIG_INVALID",
    });
    expect(() => bestOfNStrategy.parseOptions({ noise: 2 })).toThrow(BreakfixError);
  });

  /** A toy multi-turn strategy: proves feedback, backtracking and attacker counting fit the interface. */
  const escalate = defineStrategy({
    id: "test-escalate",
    description: "asks the attacker for each next turn; drops refused turns from the history",
    needsAttacker: true,
    options: z.strictObject({}),
    async *probes(rt) {
      const history = [] as ReturnType<typeof user>[];
      for (let turn = 0; ; turn++) {
        const next = await rt.attacker?.generate([user(`turn ${turn} for: ${rt.objective.goal}`)]);
        if (!next?.ok) {
          yield { error: "attacker failed" };
          return;
        }
        const feedback = yield { messages: [...history, user(next.text)], converters: [] };
        if (feedback && !feedback.response.includes("I can't"))
          history.push(user(next.text), { role: "assistant", content: feedback.response });
      }
    },
  });

  it("supports attacker-driven multi-turn strategies with backtracking, and requires the attacker", async () => {
    const attacker = createScriptedModel([
      { match: "turn 0", reply: "warm-up question" },
      { match: "turn 1", reply: "forbidden ask" },
      { match: "turn 2", reply: "softer ask" },
      { match: "turn 3", reply: "final ask" },
    ]);
    const target = countingTarget(
      createScriptedModel(
        [
          { match: "forbidden", reply: REFUSAL },
          { match: "final", reply: COMPLIED },
        ],
        { fallback: "ok" },
      ),
    );
    const r = await escalate.run(strategyContext(target, { attacker, budget: 10 }));
    expect(r).toMatchObject({ outcome: "success", queries: 4, calls: { target: 4, judge: 4, attacker: 4 } });
    // The refused "forbidden ask" turn was backtracked: it is not in the history of later turns.
    expect(r.transcript.map((m) => m.content)).toEqual([
      "warm-up question",
      "ok",
      "softer ask",
      "ok",
      "final ask",
      COMPLIED,
    ]);
    await expect(escalate.run(strategyContext(target))).rejects.toMatchObject({ code: "USAGE" });
  });

  it("never asks a strategy for a probe beyond the budget", async () => {
    let yielded = 0;
    let closed = false;
    const endless = defineStrategy({
      id: "test-endless",
      description: "yields forever",
      needsAttacker: false,
      options: z.strictObject({}),
      async *probes() {
        try {
          for (;;) {
            yielded++;
            yield { messages: [user("hi")], converters: [] };
          }
        } finally {
          closed = true;
        }
      },
    });
    const r = await endless.run(strategyContext(refusing(), { budget: 3 }));
    expect([r.outcome, r.queries, yielded, closed]).toEqual(["failure", 3, 3, true]);
  });
});
