import { describe, expect, it } from "vitest";
import type { ChatModel, GenerateResult, Message } from "../core/index.js";
import { openStore, type Store } from "../store/index.js";
import { intermediatePersona } from "./builtin-personas.js";
import { runCampaign } from "./campaign.js";
import { hashTarget, manyObjectives, markerJudge } from "./campaign-test-kit.js";

/** hashTarget(29), but while `failing(prompt)` holds a call fails as an auth error (not retried). */
function flakyTarget(failing: { when: (prompt: string) => boolean }): ChatModel {
  const inner = hashTarget(29);
  return {
    id: "test:hash",
    async generate(messages: readonly Message[], options): Promise<GenerateResult> {
      const prompt = messages.filter((m) => m.role === "user").at(-1)?.content ?? "";
      if (failing.when(prompt)) {
        return {
          ok: false,
          error: { kind: "auth", message: "key revoked", retryable: false },
          latencyMs: 0,
        };
      }
      return inner.generate(messages, options);
    },
  };
}

const OBJECTIVES = manyObjectives(6);
const campaign = (store: Store, target: ChatModel, retryFailed?: boolean) =>
  runCampaign({
    store,
    runId: "rt-retry",
    persona: intermediatePersona,
    objectives: OBJECTIVES,
    target,
    judge: markerJudge(),
    seed: 5,
    concurrency: 2,
    retryFailed,
  });
const rows = (s: Store) =>
  s.attacks
    .list("rt-retry")
    .map(({ id: _i, createdAt: _c, ...a }) => a)
    .sort((a, b) => `${a.objectiveId}#${a.attempt}`.localeCompare(`${b.objectiveId}#${b.attempt}`));
const generationKeys = (s: Store) =>
  s.generations.list("rt-retry").map((g) => `${g.itemId}/${g.attempt}/${g.turn}`);

describe("redteam --retry-failed", () => {
  it("a campaign whose every call failed is redone to exactly the rows of a run that never failed", async () => {
    const reference = openStore(":memory:");
    await campaign(reference, flakyTarget({ when: () => false }));

    const store = openStore(":memory:");
    const failing = { when: (_p: string) => true };
    await campaign(store, flakyTarget(failing));
    const errored = rows(store).filter((a) => a.outcome === "error").length;
    expect(errored).toBe(rows(store).length);
    expect(errored).toBeGreaterThan(0);

    failing.when = () => false;
    // A plain resume keeps the failures: nothing is pending.
    expect((await campaign(store, flakyTarget(failing))).retried).toBeUndefined();
    expect(rows(store).filter((a) => a.outcome === "error")).toHaveLength(errored);

    const retried = await campaign(store, flakyTarget(failing), true);
    expect(retried.retried).toBe(errored);
    expect(rows(store)).toEqual(rows(reference));
    const keys = generationKeys(store);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(generationKeys(reference).sort());
    expect(store.items.counts("rt-retry")).toMatchObject({ pending: 0, done: OBJECTIVES.length });
  });

  it("redoes only the failed attempts: the others stay as they were, and nothing is duplicated", async () => {
    const store = openStore(":memory:");
    // Some prompts fail: a few attempts end in an error, the rest are decided.
    const failing = { when: (p: string) => p.length % 7 === 0 };
    await campaign(store, flakyTarget(failing));
    const before = rows(store);
    const errored = before.filter((a) => a.outcome === "error");
    expect(errored.length).toBeGreaterThan(0);
    expect(errored.length).toBeLessThan(before.length);

    failing.when = () => false;
    const result = await campaign(store, flakyTarget(failing), true);
    const after = rows(store);
    // An objective already broken keeps its errored attempt: the persona stops on success.
    const broken = new Set(before.filter((a) => a.outcome === "success").map((a) => a.objectiveId));
    const retriable = errored.filter((a) => !broken.has(a.objectiveId));
    expect(result.retried).toBe(retriable.length);
    const key = (a: { objectiveId: string; attempt: number }) => `${a.objectiveId}#${a.attempt}`;
    const redone = new Set(retriable.map(key));
    expect(after.filter((a) => !redone.has(key(a)))).toEqual(before.filter((a) => !redone.has(key(a))));
    expect(after.filter((a) => redone.has(key(a)) && a.outcome === "error")).toEqual([]);
    // Each redone attempt is one row again, and every generation key is unique.
    expect(after.filter((a) => redone.has(key(a)))).toHaveLength(redone.size);
    const keys = generationKeys(store);
    expect(new Set(keys).size).toBe(keys.length);
    expect(store.runs.get("rt-retry")?.status).toBe("done");
  });
});
