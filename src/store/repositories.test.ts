import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AttackResult, BreakfixError, type Finding } from "../core/index.js";
import type { StoredAttack } from "./attacks.js";
import { okReply, tempDir } from "./fixtures/temp-store.js";
import { openStore, resultKey, type Store } from "./index.js";

let tmp: ReturnType<typeof tempDir>;
let s: Store;
beforeEach(() => {
  tmp = tempDir();
  s = openStore(tmp.dbFile);
  s.runs.start({ id: "r", kind: "bench", name: "xstest", config: { suite: "xstest" }, seed: 7 });
});
afterEach(() => {
  s.close();
  tmp.cleanup();
});

describe("runs", () => {
  it("resumes a run with the same config and refuses a different one", () => {
    s.runs.finish("r", "interrupted");
    const again = s.runs.start({ id: "r", kind: "bench", name: "xstest", config: { suite: "xstest" } });
    expect(again.resumed).toBe(true);
    expect(again.run).toMatchObject({ status: "running", seed: 7, config: { suite: "xstest" } });
    expect(again.run.finishedAt).toBeUndefined();
    expect(() =>
      s.runs.start({ id: "r", kind: "bench", name: "xstest", config: { suite: "other" } }),
    ).toThrow(/already exists with a different configuration/);
  });

  it("records how a run ended and lists children of a parent run", () => {
    s.runs.start({ id: "child", kind: "redteam", name: "c", parentId: "r" });
    s.runs.finish("child", "done", { summary: { asr: 0.25 } });
    expect(s.runs.get("child")).toMatchObject({ status: "done", summary: { asr: 0.25 }, parentId: "r" });
    expect(s.runs.list({ parentId: "r" }).map((x) => x.id)).toEqual(["child"]);
    expect(s.runs.list({ kind: "bench" }).map((x) => x.id)).toEqual(["r"]);
    expect(() => s.runs.require("nope")).toThrow(BreakfixError);
  });
});

describe("items", () => {
  it("plans idempotently and returns what is left in planned order", () => {
    expect(s.items.plan("r", [{ id: "a", payload: { prompt: "p" } }, { id: "b" }, { id: "c" }])).toBe(3);
    s.items.markDone("r", ["b"]);
    expect(s.items.plan("r", [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }])).toBe(1);
    s.items.markFailed("r", "c", "timeout");
    expect(s.items.pending("r").map((i) => i.itemId)).toEqual(["a", "d"]);
    expect(s.items.pending("r", { includeFailed: true }).map((i) => i.itemId)).toEqual(["a", "c", "d"]);
    expect(s.items.pending("r")[0]?.payload).toEqual({ prompt: "p" });
    expect(s.items.counts("r")).toEqual({ total: 4, pending: 2, done: 1, failed: 1 });
    expect(() => s.items.markDone("r", ["never-planned"])).toThrow(/never planned/);
  });
});

describe("generations and scores", () => {
  it("keeps the first write of a key and reports repeats as not new", () => {
    const g = {
      runId: "r",
      itemId: "a",
      attempt: 0,
      modelId: "mock:echo",
      messages: [{ role: "user" as const, content: "hi" }],
      params: { temperature: 0, maxTokens: 16, signal: new AbortController().signal },
      result: okReply("first"),
    };
    expect(s.generations.put(g)).toBe(true);
    expect(
      s.generations.putMany([
        { ...g, result: okReply("second") },
        { ...g, itemId: "b" },
      ]),
    ).toBe(1);
    const stored = s.generations.get("r", "a", 0);
    expect(stored).toMatchObject({
      text: "first",
      status: "ok",
      params: { temperature: 0, maxTokens: 16 },
      usage: { promptTokens: 3, completionTokens: 5 },
      finishReason: "stop",
      cached: false,
    });
    expect(stored?.params).not.toHaveProperty("signal");
    expect(s.generations.doneKeys("r")).toEqual(new Set([resultKey("a", 0), resultKey("b", 0)]));
  });

  it("stores failures as data with their kind and reason", () => {
    s.generations.put({
      runId: "r",
      itemId: "a",
      attempt: 1,
      turn: 2,
      modelId: "openai:x",
      messages: [],
      result: {
        ok: false,
        error: { kind: "timeout", message: "no reply in 30s", retryable: true },
        latencyMs: 30000,
      },
    });
    expect(s.generations.list("r", { status: "error" })[0]).toMatchObject({
      turn: 2,
      status: "error",
      error: { kind: "timeout", message: "no reply in 30s" },
      text: undefined,
    });
  });

  it("keys scores by judge and version and refuses an unknown label without a reason", () => {
    const score = { judgeId: "rubric:harm", judgeVersion: "1", label: "unsafe", severity: 5, value: 0.9 };
    expect(s.scores.putMany([{ runId: "r", itemId: "a", attempt: 0, score, promptHash: "abc" }])).toBe(1);
    expect(s.scores.put({ runId: "r", itemId: "a", attempt: 0, score: { ...score, label: "safe" } })).toBe(
      false,
    );
    expect(
      s.scores.put({ runId: "r", itemId: "a", attempt: 0, score: { ...score, judgeVersion: "2" } }),
    ).toBe(true);
    expect(s.scores.list("r", { judgeId: "rubric:harm" })[0]).toMatchObject({
      label: "unsafe",
      severity: 5,
      promptHash: "abc",
      injectionSuspected: false,
    });
    expect(s.scores.doneKeys("r", "rubric:harm", "2")).toEqual(new Set([resultKey("a", 0)]));
    expect(() =>
      s.scores.put({
        runId: "r",
        itemId: "b",
        attempt: 0,
        score: { judgeId: "j", judgeVersion: "1", label: "unknown" },
      }),
    ).toThrow(/without a reason/);
    const member = { judgeId: "m", judgeVersion: "1", label: "safe" };
    const composite = {
      judgeId: "any(m,n)",
      judgeVersion: "1",
      label: "unsafe",
      members: [member],
      disagreement: true,
    };
    s.scores.put({ runId: "r", itemId: "c", attempt: 0, score: composite });
    expect(s.scores.list("r", { itemId: "c" })[0]).toMatchObject({ members: [member], disagreement: true });
    expect(s.scores.list("r", { itemId: "a" })[0]?.disagreement).toBeUndefined();
    const bad = { judgeId: "j", judgeVersion: "1", label: "unsafe", severity: 9 };
    expect(() => s.scores.put({ runId: "r", itemId: "b", attempt: 0, score: bad })).toThrow(
      expect.objectContaining({ code: "INTERNAL", message: expect.stringContaining("CHECK constraint") }),
    );
    expect(() => s.scores.put({ runId: "no-such-run", itemId: "b", attempt: 0, score })).toThrow(
      expect.objectContaining({ code: "INTERNAL", message: expect.stringContaining("FOREIGN KEY") }),
    );
  });
});

describe("attacks and findings", () => {
  const attack: AttackResult = {
    runId: "r",
    objectiveId: "o1",
    strategy: "crescendo",
    converters: ["base64", "leet"],
    attempt: 0,
    outcome: "success",
    transcript: [
      { role: "user", content: "q" },
      { role: "assistant", content: "harmful" },
    ],
    queries: 2,
    scores: [{ judgeId: "j", judgeVersion: "1", label: "unsafe", severity: 6 }],
    harmArea: "cyber",
    language: "en",
  };

  it("round-trips an AttackResult and ignores a repeated attempt", () => {
    expect(s.attacks.putMany([attack, attack, { ...attack, attempt: 1, outcome: "failure" }])).toBe(2);
    const [first] = s.attacks.list("r", { outcome: "success" });
    expect(first).toMatchObject(attack);
    expect(s.attacks.doneKeys("r")).toEqual(new Set([resultKey("o1", 0), resultKey("o1", 1)]));
  });

  it("summarises attempts without their transcripts, counting user turns in SQL", () => {
    const chatty = {
      ...attack,
      attempt: 2,
      // A reply quoting a role field is content, not a turn.
      transcript: [
        ...attack.transcript,
        { role: "user" as const, content: 'and "role":"user" again' },
        { role: "assistant" as const, content: '{"role":"user"}' },
      ],
    };
    s.attacks.putMany([attack, chatty]);
    const summaries = s.attacks.summaries("r");
    const listed = s.attacks.list("r");
    expect(summaries.map((a) => [a.attempt, a.userTurns])).toEqual([
      [0, 1],
      [2, 2],
    ]);
    for (const [i, a] of summaries.entries()) {
      const { transcript: _t, scores: _s, error: _e, ...meta } = listed[i] as StoredAttack;
      expect(a).toEqual({ ...meta, userTurns: a.userTurns });
      expect(a).not.toHaveProperty("transcript");
    }
  });

  it("stores findings once and lists the most severe first", () => {
    const finding: Finding = {
      id: "f1",
      runId: "r",
      origin: "redteam",
      sourceId: "1",
      harmArea: "cyber",
      technique: { strategy: "crescendo", converters: ["base64"] },
      language: "en",
      turnDepth: 3,
      severity: 4,
      transcript: attack.transcript,
      scores: attack.scores,
      round: 1,
    };
    expect(s.findings.putMany([finding, { ...finding, id: "f2", severity: 6 }, finding])).toBe(2);
    expect(s.findings.list({ round: 1 }).map((f) => f.id)).toEqual(["f2", "f1"]);
    expect(s.findings.list({ minSeverity: 5 }).map((f) => f.id)).toEqual(["f2"]);
    expect(s.findings.get("f1")).toMatchObject(finding);
  });
});

describe("datasets", () => {
  it("registers a version once and refuses changed content under the same version", () => {
    const d = {
      name: "xstest",
      version: "v2",
      sha256: "a".repeat(64),
      source: "shared/xstest.csv",
      rowCount: 450,
    };
    expect(s.datasets.register({ ...d, card: { license: "CC-BY-4.0" } })).toBe(true);
    expect(s.datasets.register(d)).toBe(false);
    expect(() => s.datasets.register({ ...d, sha256: "b".repeat(64) })).toThrow(
      expect.objectContaining({ code: "CHECKSUM_MISMATCH", fix: expect.stringContaining("new version") }),
    );
    expect(s.datasets.get("xstest")).toMatchObject({
      version: "v2",
      rowCount: 450,
      card: { license: "CC-BY-4.0" },
    });
  });
});

describe("checkpoints", () => {
  it("answers lineage queries: ancestors nearest first, children", () => {
    s.checkpoints.put({ id: "base", kind: "base", location: "models/base" });
    s.checkpoints.put({
      id: "sft1",
      parentId: "base",
      kind: "sft",
      location: "ck/sft1",
      dataVersion: "d1",
      runId: "r",
    });
    s.checkpoints.put({
      id: "dpo1",
      parentId: "sft1",
      kind: "dpo",
      location: "ck/dpo1",
      config: { beta: 0.1 },
    });
    s.checkpoints.put({ id: "sft2", parentId: "base", kind: "sft", location: "ck/sft2" });
    expect(s.checkpoints.ancestors("dpo1").map((c) => c.id)).toEqual(["sft1", "base"]);
    expect(s.checkpoints.ancestors("base")).toEqual([]);
    expect(s.checkpoints.children("base").map((c) => c.id)).toEqual(["sft1", "sft2"]);
    expect(s.checkpoints.get("sft1")).toMatchObject({ runId: "r", dataVersion: "d1", parentId: "base" });
    s.checkpoints.addMetrics("dpo1", { asr: 0.1 });
    s.checkpoints.addMetrics("dpo1", { asr: 0.05, refusal: 0.2 });
    expect(s.checkpoints.get("dpo1")?.metrics).toEqual({ asr: 0.05, refusal: 0.2 });
    expect(() => s.checkpoints.put({ id: "x", parentId: "missing", kind: "sft", location: "l" })).toThrow(
      /parent checkpoint missing/,
    );
    expect(s.checkpoints.put({ id: "sft1", parentId: "sft2", kind: "sft", location: "elsewhere" })).toBe(
      false,
    );
    expect(s.checkpoints.get("sft1")?.parentId).toBe("base");
  });
});

describe("metrics", () => {
  it("keeps one value per (run, step, name), the last written, and NaN as NaN", () => {
    s.metrics.log("r", 1, { loss: 2.5, lr: 0.001 });
    s.metrics.log("r", 2, { loss: Number.NaN });
    s.metrics.logMany([{ runId: "r", step: 1, name: "loss", value: 2.0 }]);
    expect(s.metrics.series("r", "loss")).toEqual([
      { step: 1, value: 2.0 },
      { step: 2, value: Number.NaN },
    ]);
    expect(s.metrics.names("r")).toEqual(["loss", "lr"]);
    expect(s.metrics.lastStep("r")).toBe(2);
    expect(s.metrics.lastStep("other")).toBeUndefined();
  });
});
