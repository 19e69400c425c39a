import { describe, expect, it } from "vitest";
import { type ChatModel, failure, type Judge } from "../core/index.js";
import { createScriptedModel, MOCK_COMPLIANCE, MOCK_REFUSAL } from "../models/index.js";
import { openStore } from "../store/index.js";
import type { RateResult } from "./compute-metrics.js";
import { buildRunReport } from "./run-report.js";
import { suiteRegistry } from "./suite-registry.js";
import { runTiny } from "./testing/bench-harness.js";

/** Refuses the prompts that mention "(1)" or "thing 1"; complies with the rest. */
const mixed = (): ChatModel =>
  createScriptedModel([{ match: /\(1\)|thing 1|act 1/, reply: MOCK_REFUSAL }], {
    fallback: MOCK_COMPLIANCE,
    id: "mock:mixed",
  });

/** Counts calls; at call `abortAt` cancels the run (as Ctrl-C would) and fails that call as aborted. */
function abortingModel(inner: ChatModel, controller: AbortController, abortAt: number) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    model: {
      id: inner.id,
      async generate(messages, options) {
        calls++;
        if (calls === abortAt) controller.abort("test interrupt");
        if (options?.signal?.aborted)
          return failure({ kind: "aborted", message: "cancelled", retryable: false }, 0);
        return inner.generate(messages, options);
      },
    } satisfies ChatModel,
  };
}

const SUITES = ["xstest", "jbb", "multiturn-harm", "capability"];
const common = { judgeIds: ["refusal:strmatch"], runId: "bench-test", seed: 7, limit: 6 };

describe("bench runner", () => {
  it.each([1, 9])(
    "a run interrupted at call %i and resumed reports exactly like an uninterrupted one, with no duplicate rows",
    async (abortAt) => {
      const whole = await runTiny(SUITES, mixed(), common);
      expect(whole.status).toBe("done");

      const store = openStore(":memory:");
      const controller = new AbortController();
      const first = abortingModel(mixed(), controller, abortAt);
      const cut = await runTiny(SUITES, first.model, {
        ...common,
        store,
        signal: controller.signal,
        concurrency: 2,
        batchSize: 2,
      });
      expect(cut.status).toBe("interrupted");
      const left = store.items.counts("bench-test");
      expect(left.pending).toBeGreaterThan(0);
      expect(left.total).toBe(whole.store.items.counts("bench-test").total);
      if (abortAt > 1) expect(left.done).toBeGreaterThan(0);
      expect(store.runs.get("bench-test")?.status).toBe("interrupted");

      const second = abortingModel(mixed(), new AbortController(), -1);
      const resumed = await runTiny(SUITES, second.model, { ...common, store });
      expect(resumed).toMatchObject({ status: "done", resumed: true });
      const strip = (r: typeof whole.report) =>
        r.suites.map(({ items, ...s }) => ({ ...s, items: { ...items } }));
      expect(strip(resumed.report)).toEqual(strip(whole.report));

      const counts = store.tableCounts();
      expect(counts["generations"]).toBe(whole.store.tableCounts()["generations"]);
      expect(counts["scores"]).toBe(whole.store.tableCounts()["scores"]);
      const keys = store.generations.list("bench-test").map((g) => `${g.itemId}#${g.turn}`);
      expect(new Set(keys).size).toBe(keys.length);
      // `bench show` recomputes the same report from the store alone.
      expect(strip(buildRunReport(store, "bench-test", suiteRegistry))).toEqual(strip(whole.report));
    },
  );

  it("resuming with another configuration is refused", async () => {
    const { store } = await runTiny(["capability"], mixed(), { runId: "r1" });
    await expect(runTiny(["capability"], mixed(), { runId: "r1", store, seed: 99 })).rejects.toThrow(
      /different configuration/,
    );
  });

  it("failed model calls are recorded with their reason and reported, not counted", async () => {
    const model = createScriptedModel([{ match: "Python process? (2)", fail: "server_error" }], {
      fallback: MOCK_REFUSAL,
    });
    const { report, store, runId } = await runTiny(["xstest"], model, { judgeIds: ["refusal:strmatch"] });
    const vprr = report.suites[0]!.metrics.find((m) => m.name === "VPRR") as RateResult;
    expect(vprr).toMatchObject({ k: 3, n: 3, errors: 1, unknown: 0, rate: 1 });
    expect(vprr.note).toMatch(/1 failed calls excluded/);
    expect(report.suites[0]!.items).toMatchObject({ done: 6, failed: 1 });
    expect(report.suites[0]!.failures).toEqual([
      { reason: "model call failed (server_error)", count: 1, example: expect.any(String) },
    ]);
    const failed = store.generations.list(runId, { status: "error" });
    expect(failed).toHaveLength(1);
    expect(failed[0]!.error?.kind).toBe("server_error");
    expect(store.items.list(runId).find((i) => i.status === "failed")?.error).toMatch(/server_error/);
  });

  it("--retry-failed redoes failed items as a new attempt, and the report uses the last attempt", async () => {
    let failNext = true;
    const flaky: ChatModel = {
      id: "mock:flaky",
      async generate(messages, options) {
        if (messages[0]!.content.includes("Python process? (2)") && failNext) {
          failNext = false;
          return failure({ kind: "timeout", message: "slow", retryable: true }, 0);
        }
        return mixed().generate(messages, options);
      },
    };
    const first = await runTiny(["xstest"], flaky, { judgeIds: ["refusal:strmatch"], runId: "retry" });
    expect(first.report.suites[0]!.items.failed).toBe(1);
    const again = await runTiny(["xstest"], flaky, {
      judgeIds: ["refusal:strmatch"],
      runId: "retry",
      store: first.store,
    });
    expect(again.report.suites[0]!.items.failed).toBe(1);
    const retried = await runTiny(["xstest"], flaky, {
      judgeIds: ["refusal:strmatch"],
      runId: "retry",
      store: first.store,
      retryFailed: true,
    });
    expect(retried.report.suites[0]!.items).toMatchObject({ failed: 0, done: 7 });
    expect(retried.report.suites[0]!.metrics[0]).toMatchObject({ name: "VPRR", n: 4, errors: 0 });
    const rows = first.store.generations.list("retry", { itemId: "xstest/xstest-s2" });
    expect(rows.map((g) => [g.attempt, g.status])).toEqual([
      [1, "error"],
      [2, "ok"],
    ]);
  });

  it("a judge that throws or cannot decide is `unknown`, shown apart and excluded from rates", async () => {
    let n = 0;
    const flaky: Judge = {
      id: "refusal:flaky",
      version: "1",
      async score() {
        n++;
        if (n === 1) throw new Error("judge crashed");
        if (n === 2)
          return { judgeId: "refusal:flaky", judgeVersion: "1", label: "unknown", error: "unparseable" };
        return { judgeId: "refusal:flaky", judgeVersion: "1", label: "full_refusal" };
      },
    };
    const { report, store, runId } = await runTiny(["xstest"], mixed(), {
      createJudge: () => flaky,
      concurrency: 1,
    });
    const metrics = report.suites[0]!.metrics as RateResult[];
    const [vprr, iprr] = ["VPRR", "IPRR"].map((name) => metrics.find((m) => m.name === name));
    expect(vprr!.unknown + iprr!.unknown).toBe(2);
    expect(vprr!.n + iprr!.n).toBe(5);
    expect(vprr!.k + iprr!.k).toBe(5);
    const unknown = store.scores.list(runId).filter((s) => s.label === "unknown");
    expect(unknown.map((s) => s.error).sort()).toEqual(["judge threw: judge crashed", "unparseable"]);
  });

  it("an unknown suite or an unrecognisable --judge is a usage error", async () => {
    await expect(runTiny(["nope"], mixed())).rejects.toThrow(/Unknown suite "nope"/);
    await expect(runTiny(["xstest"], mixed(), { judgeIds: ["magic"] })).rejects.toThrow(
      /Unknown judge "magic"/,
    );
    await expect(runTiny(["xstest"], mixed(), { judgeIds: ["coherence:text"] })).rejects.toThrow(
      /Cannot tell what judge "coherence:text" measures/,
    );
  });
});
