import { describe, expect, it } from "vitest";
import { BreakfixError, type ChatModel } from "../core/index.js";
import { createMockModel, MOCK_COMPLIANCE } from "../models/index.js";
import { openStore, type Store } from "../store/index.js";
import { intermediatePersona, lowSkilledPersona } from "./builtin-personas.js";
import { type CampaignOptions, runCampaign } from "./campaign.js";
import { campaignMetrics } from "./campaign-metrics.js";
import { base64OnlyTarget, hashTarget, markerJudge, OBJECTIVES, ruleTarget } from "./campaign-test-kit.js";
import { rebuildAttack, sentMessages, UNGRADED_SEVERITY } from "./findings.js";
import { definePersona } from "./persona.js";

const anyInterval = (): [number, number] => [0, 1];

function campaign(store: Store, target: ChatModel, overrides: Partial<CampaignOptions> = {}) {
  return runCampaign({
    store,
    persona: lowSkilledPersona,
    objectives: OBJECTIVES,
    target,
    judge: markerJudge(),
    seed: 7,
    concurrency: 2,
    ...overrides,
  });
}

describe("campaigns", () => {
  it("intermediate persona breaks a base64-only target; direct asks and templates never do", async () => {
    const store = openStore(":memory:");
    const mid = await campaign(store, base64OnlyTarget(), { persona: intermediatePersona });
    expect(mid.status).toBe("done");
    const midRows = store.attacks.list(mid.runId);
    const m = campaignMetrics(midRows, { interval: anyInterval });
    expect(m.asr).toMatchObject({ k: OBJECTIVES.length, n: OBJECTIVES.length, errors: 0 });
    expect(m.byStrategy["converter-chain"]?.k).toBe(OBJECTIVES.length);
    expect(m.byConverter["base64"]?.k).toBe(OBJECTIVES.length);
    // The first chain is base64, so each objective falls at its first query.
    expect(m.asrAtQueries[0]).toMatchObject({ k: 1, rate: { k: OBJECTIVES.length } });
    // No attacker: translation, Crescendo, PAIR and TAP are skipped and say why.
    expect(mid.skippedSteps.map((s) => s.strategy)).toEqual(["converter-chain", "crescendo", "pair", "tap"]);
    expect(store.findings.list({ runId: mid.runId })).toHaveLength(OBJECTIVES.length);

    const low = await campaign(store, base64OnlyTarget(), { persona: lowSkilledPersona });
    const lowRows = store.attacks.list(low.runId);
    expect(lowRows.map((r) => r.outcome)).toEqual(Array(2 * OBJECTIVES.length).fill("failure"));
    const lm = campaignMetrics(lowRows, { interval: anyInterval });
    expect(lm.byStrategy["direct"]).toMatchObject({ k: 0, n: OBJECTIVES.length });
    expect(lm.asr).toMatchObject({ k: 0, n: OBJECTIVES.length });
    expect(store.findings.list({ runId: low.runId })).toEqual([]);
  });

  it("low-skilled persona against mock:comply succeeds on every objective with one direct ask", async () => {
    const store = openStore(":memory:");
    const r = await campaign(store, createMockModel("comply"), { judge: markerJudge(MOCK_COMPLIANCE) });
    const rows = store.attacks.list(r.runId);
    expect(rows.map((a) => [a.strategy, a.outcome, a.queries])).toEqual(
      OBJECTIVES.map(() => ["direct", "success", 1]),
    );
    const m = campaignMetrics(rows, { interval: anyInterval });
    expect(m.asr.rate).toBe(1);
    expect(store.runs.get(r.runId)?.summary).toMatchObject({
      objectivesBroken: 4,
      attempts: 4,
      errors: 0,
      queries: 4,
    });
    expect(m.byArea).toMatchObject({ "area-1": { k: 2, n: 2 }, "area-2": { k: 2, n: 2 } });
    expect(m.byLanguage).toMatchObject({ en: { k: 3, n: 3 }, fr: { k: 1, n: 1 } });
    expect(m.byTurnDepth["1"]).toMatchObject({ k: 4, n: 4 });
    // Every query is in the store with its verdict.
    const gens = store.generations.list(r.runId);
    expect(gens.map((g) => g.text)).toEqual(OBJECTIVES.map(() => MOCK_COMPLIANCE));
  });

  it("target failures are recorded as `error`, apart from failures, and never as the model holding", async () => {
    const store = openStore(":memory:");
    const r = await campaign(store, createMockModel("error-auth"));
    const rows = store.attacks.list(r.runId);
    expect(rows.length).toBe(2 * OBJECTIVES.length);
    expect(new Set(rows.map((a) => a.outcome))).toEqual(new Set(["error"]));
    expect(rows[0]?.error).toMatch(/target mock:error-auth failed: auth/);
    const m = campaignMetrics(rows, { interval: anyInterval });
    expect(m.asr).toMatchObject({ k: 0, n: 0, errors: OBJECTIVES.length });
    expect(m.errors.attempts).toBe(rows.length);
    expect(store.generations.list(r.runId, { status: "error" }).length).toBe(rows.length);
  });

  it("LLM converters run on the attacker model, whose calls are stored next to the queries", async () => {
    const store = openStore(":memory:");
    const persona = definePersona({
      id: "translator",
      description: "translation only",
      steps: [{ strategy: "converter-chain", options: { chains: [["translate:zu"]] }, budget: 1 }],
    });
    const translated: ChatModel = {
      id: "test:attacker",
      generate: async () => ({ ok: true, text: "SAWUBONA translated", finishReason: "stop", latencyMs: 0 }),
    };
    const target = ruleTarget((p) => p.includes("SAWUBONA"));
    const r = await campaign(store, target, { persona, attacker: translated });
    expect(r.skippedSteps).toEqual([]);
    const rows = store.attacks.list(r.runId);
    expect(rows.map((a) => [a.outcome, a.converters])).toEqual(
      OBJECTIVES.map(() => ["success", ["translate:zu"]]),
    );
    const attackerCalls = store.generations.list(r.runId).filter((g) => g.itemId.endsWith("#attacker"));
    expect(attackerCalls).toHaveLength(OBJECTIVES.length);
    expect(r.attempts.every((a) => a.result.calls.attacker === 1)).toBe(true);

    const without = await campaign(store, target, { persona });
    expect(without.skippedSteps).toEqual([
      { step: 0, strategy: "converter-chain", reason: expect.stringContaining("--attacker") },
    ]);
    expect(store.attacks.list(without.runId)).toEqual([]);
  });

  it("the budget is a per-objective cap over all steps", async () => {
    const store = openStore(":memory:");
    const r = await campaign(store, createMockModel("refuse"), { budget: 3 });
    const rows = store.attacks.list(r.runId);
    for (const o of OBJECTIVES) {
      const mine = rows.filter((a) => a.objectiveId === o.id);
      expect(mine.map((a) => a.queries)).toEqual([1, 2]);
    }
  });

  it("findings carry what rebuilds the attack, and the rebuilt attack sends the same messages", async () => {
    const store = openStore(":memory:");
    const persona = definePersona({
      id: "augmenter",
      description: "best-of-n only",
      steps: [{ strategy: "best-of-n", budget: 12 }],
    });
    const r = await campaign(store, hashTarget(), { persona });
    const findings = store.findings.list({ runId: r.runId });
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.technique).toMatchObject({ strategy: "best-of-n", budget: 12 });
      expect(f.technique.options).toMatchObject({ converterProbability: expect.any(Number) });
      expect(typeof f.technique.seed).toBe("number");
      expect(f.severity).toBe(UNGRADED_SEVERITY);
      expect(f.turnDepth).toBe(1);
      const rebuilt = await rebuildAttack(f, { target: hashTarget(), judge: markerJudge() });
      expect(rebuilt.outcome).toBe("success");
      expect(rebuilt.transcript.slice(0, -1)).toEqual(sentMessages(f));
      expect(rebuilt.queries).toBe(
        store.attacks.list(r.runId, { objectiveId: f.technique.objective?.id })[0]?.queries,
      );
    }
  });

  it("a campaign aborted mid-run and resumed ends with exactly the rows of an uninterrupted one", async () => {
    const whole = openStore(":memory:");
    const ref = await campaign(whole, hashTarget(), { persona: intermediatePersona, runId: "rt-1" });
    expect(ref.status).toBe("done");

    const store = openStore(":memory:");
    const controller = new AbortController();
    const inner = hashTarget();
    const stopping: ChatModel = {
      id: inner.id,
      async generate(messages, options) {
        if (inner.calls === 9) controller.abort("test stop");
        return inner.generate(messages, options);
      },
    };
    const first = await campaign(store, stopping, {
      persona: intermediatePersona,
      runId: "rt-1",
      signal: controller.signal,
      writeBatch: 2,
    });
    expect(first.status).toBe("interrupted");
    expect(store.runs.get("rt-1")?.status).toBe("interrupted");
    const partial = store.attacks.list("rt-1").length;
    expect(partial).toBeLessThan(whole.attacks.list("rt-1").length);

    const second = await campaign(store, hashTarget(), { persona: intermediatePersona, runId: "rt-1" });
    expect(second).toMatchObject({ status: "done", resumed: true });
    expect(second.attempts.length).toBe(whole.attacks.list("rt-1").length - partial);
    const strip = (s: Store) =>
      s.attacks
        .list("rt-1")
        .map(({ id: _i, createdAt: _c, ...a }) => a)
        .sort((a, b) => `${a.objectiveId}#${a.attempt}`.localeCompare(`${b.objectiveId}#${b.attempt}`));
    expect(strip(store)).toEqual(strip(whole));
    const keys = (s: Store) =>
      s.generations
        .list("rt-1")
        .map((g) => `${g.itemId}/${g.attempt}/${g.turn}:${g.text}`)
        .sort();
    expect(keys(store)).toEqual(keys(whole));
    expect(store.findings.list({ runId: "rt-1" }).map((f) => f.id)).toEqual(
      whole.findings.list({ runId: "rt-1" }).map((f) => f.id),
    );
  });

  it("a resume with another configuration is refused", async () => {
    const store = openStore(":memory:");
    await campaign(store, createMockModel("refuse"), { runId: "rt-2" });
    const err = await campaign(store, createMockModel("refuse"), { runId: "rt-2", budget: 2 }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(BreakfixError);
    expect((err as BreakfixError).code).toBe("USAGE");
  });
});
