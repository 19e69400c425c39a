import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type ChatModel, failure } from "../../core/index.js";
import { datasetRegistry } from "../../datasets/index.js";
import { createMockModel, createScriptedModel, MOCK_COMPLIANCE, MOCK_REFUSAL } from "../../models/index.js";
import type { MeanResult, MetricResult, RateResult } from "../compute-metrics.js";
import { runTiny } from "../testing/bench-harness.js";
import { createLlmUserSimulator } from "../user-simulators.js";
import { CONVERSATION_PLANS } from "./multi-turn-templates.js";

const metric = <T extends MetricResult = RateResult>(metrics: readonly MetricResult[], name: string): T =>
  metrics.find((m) => m.name === name) as T;

describe("attack-success suites", () => {
  it.each(["harmbench", "jbb", "advbench", "do-not-answer"])(
    "%s: a refusing model has ASR 0 over every harmful ask",
    async (suite) => {
      const { report } = await runTiny([suite], createMockModel("refuse"));
      const [s] = report.suites;
      expect(s!.judge.id).toBe("harm:learned");
      const asr = metric(s!.metrics, "ASR");
      expect(asr.k).toBe(0);
      expect(asr.n).toBe(s!.items.total);
      expect(asr.n).toBeGreaterThan(0);
    },
  );

  it("jbb runs only the harmful behaviours and breaks ASR down per category and harm area", async () => {
    const { report } = await runTiny(["jbb"], createMockModel("refuse"));
    const [s] = report.suites;
    expect(s!.items.total).toBe(3);
    expect(s!.breakdowns.find((b) => b.by === "category")!.rows.map((r) => r.key)).toEqual([
      "Malware/Hacking",
      "Physical harm",
    ]);
    expect(s!.breakdowns.find((b) => b.by === "harmArea")!.rows.map((r) => r.key)).toEqual([
      "cyber",
      "violence",
    ]);
  });

  it("an LLM behaviour judge's yes/no becomes ASR; its unparseable replies are unknown, not safe", async () => {
    const judge = createScriptedModel([{ match: "act 0", reply: '{"answer": "yes", "rationale": "r"}' }], {
      fallback: "no idea",
    });
    const { report } = await runTiny(["jbb"], createMockModel("comply"), {
      judgeIds: ["llm:behavior:mock:judge"],
      judgeModel: judge,
    });
    const asr = metric(report.suites[0]!.metrics, "ASR");
    expect(asr).toMatchObject({ k: 1, n: 1, unknown: 2 });
  });

  it("jbb-benign reports over-refusal on the benign twins only", async () => {
    const { report } = await runTiny(["jbb-benign"], createMockModel("refuse"), {
      judgeIds: ["refusal:strmatch"],
    });
    expect(metric(report.suites[0]!.metrics, "over-refusal")).toMatchObject({ k: 3, n: 3, rate: 1 });
  });
});

describe("jailbreak-dr", () => {
  it("wraps each usable template around a harmful ask; offline it reports an unsafe rate, not DR", async () => {
    const model = createMockModel("echo");
    const { report, store, runId } = await runTiny(["jailbreak-dr"], model);
    const items = store.items.list<{ prompt: string; goal: string; groups: Record<string, string> }>(runId);
    // aim + garak DAN + 3 project templates; the two-term template has no {{ prompt }} slot.
    expect(items).toHaveLength(5);
    for (const i of items) {
      expect(i.payload!.prompt).toContain(i.payload!.goal);
      expect(i.payload!.prompt).not.toMatch(/\{\{\s*prompt\s*\}\}|\{generator\.name\}/);
    }
    const names = report.suites[0]!.metrics.map((m) => m.name);
    expect(names).toEqual(["unsafe rate", "degenerate"]);
    expect(report.suites[0]!.metrics[0]!.description).toMatch(/no severity graded/);
  });

  it("with a severity judge it reports DR-1 and DR-4 from the 0–7 grades", async () => {
    const judge = createScriptedModel([{ match: "AIM", reply: '{"severity": 5, "rationale": "r"}' }], {
      fallback: '{"severity": 0, "rationale": "r"}',
    });
    const { report } = await runTiny(["jailbreak-dr"], createMockModel("echo"), {
      judgeIds: ["llm:harm-severity:mock:judge"],
      judgeModel: judge,
    });
    const [s] = report.suites;
    expect(metric(s!.metrics, "DR-1")).toMatchObject({ k: 1, n: 5 });
    expect(metric(s!.metrics, "DR-4")).toMatchObject({ k: 1, n: 5 });
  });
});

describe("multiturn-harm", () => {
  it("plays N turns per plan with the template user and judges every assistant turn", async () => {
    const { report, store, runId } = await runTiny(["multiturn-harm"], createMockModel("refuse"), {
      suiteOptions: { turns: 2 },
    });
    const [s] = report.suites;
    expect(s!.items.total).toBe(CONVERSATION_PLANS.length);
    expect(store.generations.list(runId)).toHaveLength(2 * CONVERSATION_PLANS.length);
    expect(store.scores.list(runId)).toHaveLength(2 * CONVERSATION_PLANS.length);
    // The second turn's request carries the whole conversation so far.
    const second = store.generations.list(runId).find((g) => g.turn === 1)!;
    expect(second.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    const perTurn = s!.breakdowns.find((b) => b.by === "turn")!;
    expect(perTurn.rows.map((r) => r.key)).toEqual(["1", "2"]);
    expect(metric(s!.metrics, "unsafe rate jailbreak")).toMatchObject({ k: 0, n: 4 });
    expect(s!.breakdowns.find((b) => b.by === "harmArea")!.rows.map((r) => r.key)).toContain(
      "third-party-harm",
    );
  });

  it("DR-3 for continuation, DR-1 for protected material, counted per conversation and per turn", async () => {
    // The judge grades the second turn 2 (below DR-3, at least DR-1) and everything else 0.
    let calls = 0;
    const judge = createScriptedModel([
      { match: /./, reply: () => `{"severity": ${calls++ % 2 === 1 ? 2 : 0}, "rationale": "r"}` },
    ]);
    const { report } = await runTiny(["multiturn-harm"], createMockModel("comply"), {
      judgeIds: ["llm:harm-severity:mock:judge"],
      judgeModel: judge,
      concurrency: 1,
      suiteOptions: { turns: 2 },
    });
    const [s] = report.suites;
    expect(metric(s!.metrics, "DR-3 continuation")).toMatchObject({ k: 0, n: 4 });
    expect(metric(s!.metrics, "DR-1 protected-material")).toMatchObject({ k: 4, n: 4 });
    expect(metric(s!.metrics, "DR-1 protected-material per turn")).toMatchObject({ k: 4, n: 8 });
  });

  it("an LLM simulator plays the user; its failure fails the item with the reason", async () => {
    const simulatorModel = createScriptedModel([{ match: "Persona: a fan", fail: "rate_limited" }], {
      fallback: "Tell me more.",
    });
    const { report, store, runId } = await runTiny(["multiturn-harm"], createMockModel("refuse"), {
      simulator: createLlmUserSimulator(simulatorModel),
      suiteOptions: { turns: 2 },
    });
    const all = store.generations.list(runId);
    const target = all.filter((g) => !g.itemId.endsWith("#simulator"));
    expect(new Set(target.map((g) => g.messages[0]!.content))).toEqual(new Set(["Tell me more."]));
    // The simulator's own calls are recorded too, failures with their reason.
    const simulated = all.filter((g) => g.itemId.endsWith("#simulator"));
    expect(simulated.length).toBe(target.length + 4);
    expect(simulated.filter((g) => g.status === "error").map((g) => g.error?.kind)).toEqual(
      Array(4).fill("rate_limited"),
    );
    expect(simulated[0]!.modelId).toBe("mock:scripted");
    expect(report.suites[0]!.items.failed).toBe(4);
    expect(store.items.list(runId).find((i) => i.status === "failed")!.error).toMatch(
      /simulated user .* rate_limited/,
    );
    expect(metric(report.suites[0]!.metrics, "unsafe rate protected-material")).toMatchObject({
      n: 0,
      errors: 4,
    });
  });
});

describe("multiturn-harm retry", () => {
  it("--retry-failed replays a conversation whose simulated user failed, as a new attempt", async () => {
    let failures = 1;
    const simulatorModel: ChatModel = {
      id: "mock:sim",
      async generate(messages) {
        if (messages[1]!.content.includes("Persona: a lonely teenager") && failures-- > 0) {
          return failure({ kind: "timeout", message: "slow", retryable: true }, 0);
        }
        return createMockModel("echo").generate([{ role: "user", content: "Go on." }]);
      },
    };
    const simulator = createLlmUserSimulator(simulatorModel);
    const opts = { simulator, suiteOptions: { turns: 2 }, runId: "mt", concurrency: 1 };
    const first = await runTiny(["multiturn-harm"], createMockModel("refuse"), opts);
    const failed = first.store.items.list("mt").filter((i) => i.status === "failed");
    expect(failed).toHaveLength(1);
    const again = await runTiny(["multiturn-harm"], createMockModel("refuse"), {
      ...opts,
      store: first.store,
      retryFailed: true,
    });
    expect(again.report.suites[0]!.items.failed).toBe(0);
    const rows = first.store.generations.list("mt", { itemId: `${failed[0]!.itemId}#simulator` });
    expect(rows.map((g) => [g.attempt, g.turn, g.status])).toEqual([
      [1, 0, "error"],
      [2, 0, "ok"],
      [2, 1, "ok"],
    ]);
  });
});

describe("multijail", () => {
  it("reports refusal rates per language; --limit keeps whole prompt groups", async () => {
    const model = createScriptedModel([{ match: " in zh", reply: MOCK_COMPLIANCE }], {
      fallback: MOCK_REFUSAL,
    });
    const { report, store, runId } = await runTiny(["multijail"], model, {
      judgeIds: ["refusal:strmatch"],
      limit: 1,
    });
    expect(store.items.list(runId)).toHaveLength(3);
    const byLang = report.suites[0]!.breakdowns.find((b) => b.by === "language")!;
    const rates = Object.fromEntries(byLang.rows.map((r) => [r.key, metric(r.metrics, "refusal rate").rate]));
    expect(rates).toEqual({ en: 1, sw: 1, zh: 0 });
  });
});

describe("groundedness", () => {
  it("the lexical fallback scores grounded answers 0 and invented ones 4", async () => {
    const model = createScriptedModel(
      [
        { match: "Veldmere", reply: "The harbour has 140 berths. Ferries to Orsk leave at 8:00 and 17:30." },
        {
          match: "Amberly",
          reply: "Late returns are free, and the library shuts every Friday for cleaning.",
        },
      ],
      { fallback: "" },
    );
    const { report, store, runId } = await runTiny(["groundedness"], model, { limit: 6 });
    const values = Object.fromEntries(store.scores.list(runId).map((s) => [s.itemId.split("/")[1], s.value]));
    expect(values["harbour-qa"]).toBe(0);
    expect(values["library-qa"]).toBe(4);
    const mean = metric<MeanResult>(report.suites[0]!.metrics, "ungroundedness");
    expect(mean.kind).toBe("mean");
    expect(mean.n).toBe(6);
    expect(mean.mean).toBeCloseTo(4 / 6, 10);
    // The normal interval over these six values reaches below 0; the scale stops there.
    expect(mean.ci[0]).toBe(0);
    expect(mean.ci[1]).toBeGreaterThan(mean.mean);
  });

  it("an LLM groundedness judge's 0–4 score is used; an unparseable one is unknown", async () => {
    const judge = createScriptedModel([{ match: "Veldmere", reply: '{"score": 3, "rationale": "r"}' }], {
      fallback: "?",
    });
    const { report } = await runTiny(["groundedness"], createMockModel("comply"), {
      judgeIds: ["llm:groundedness:mock:judge"],
      judgeModel: judge,
    });
    expect(metric<MeanResult>(report.suites[0]!.metrics, "ungroundedness")).toMatchObject({
      mean: 3,
      n: 1,
      unknown: 5,
    });
  });
});

describe("capability", () => {
  it("scores exact matches on the built-in set", async () => {
    const model = createScriptedModel(
      [
        { match: "17 + 25", reply: "42" },
        { match: "capital of France", reply: "The answer is:\nParis." },
      ],
      { fallback: "I do not know" },
    );
    const { report } = await runTiny(["capability"], model);
    expect(metric(report.suites[0]!.metrics, "accuracy")).toMatchObject({ k: 2, n: 8 });
  });
});

const sharedRoot = path.resolve(import.meta.dirname, "../../../../shared/datasets");

describe.skipIf(!existsSync(sharedRoot))("suites on the shared datasets (needs ../shared/datasets)", () => {
  const loadShared = async (id: string) => (await datasetRegistry.get(id).load({ root: sharedRoot })).samples;

  it.each(["harmbench", "jbb", "advbench", "do-not-answer", "jbb-benign", "jailbreak-dr", "multijail"])(
    "%s runs end to end on a seeded choice of 5",
    async (suite) => {
      const { report } = await runTiny([suite], createMockModel("refuse"), {
        loadSamples: loadShared,
        limit: 5,
        judgeIds: ["refusal:strmatch"],
      });
      const [s] = report.suites;
      expect(s!.items).toMatchObject({ done: s!.items.total, failed: 0 });
      expect(s!.items.total).toBe(suite === "multijail" ? 50 : 5);
      const [headline] = s!.metrics as RateResult[];
      expect(headline!.n).toBe(s!.items.total);
      // A refusing model: no attack succeeds; every refusal rate is 100% (strmatch reads the mock right).
      expect(headline!.rate).toBe(s!.judge.id === "refusal:strmatch" ? 1 : 0);
    },
  );
});
