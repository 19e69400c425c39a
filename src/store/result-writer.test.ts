import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { okReply, tempDir } from "./fixtures/temp-store.js";
import { openStore, type Store } from "./index.js";
import { openResultWriter, type ResultBatch } from "./result-writer.js";

const RUN = "writer-run";

function batchOf(ids: string[]): ResultBatch {
  return {
    runId: RUN,
    generations: ids.map((itemId) => ({
      runId: RUN,
      itemId,
      attempt: 1,
      modelId: "mock:echo",
      messages: [{ role: "user" as const, content: itemId }],
      params: { temperature: 0 },
      result: okReply(`reply to ${itemId}`),
    })),
    scores: ids.map((itemId) => ({
      runId: RUN,
      itemId,
      attempt: 1,
      score: { judgeId: "exact-match", judgeVersion: "1", label: "correct", rationale: "same" },
    })),
    done: ids.slice(1),
    failed: ids.slice(0, 1).map((itemId) => ({ itemId, error: "simulated user failed" })),
  };
}

/** Every row the batch wrote, minus the columns that differ between two writes (ids, clocks). */
function contents(store: Store) {
  const strip = <T extends { id?: number; createdAt?: string; updatedAt?: string }>(rows: T[]) =>
    rows.map(({ id: _id, createdAt: _c, updatedAt: _u, ...rest }) => rest);
  return {
    generations: strip(store.generations.list(RUN)),
    scores: strip(store.scores.list(RUN)),
    items: strip(store.items.list(RUN)),
  };
}

let tmp: ReturnType<typeof tempDir>;
const stores: Store[] = [];
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  tmp.cleanup();
});

function planned(file: string, ids: string[]): Store {
  const store = openStore(file);
  stores.push(store);
  store.runs.start({ id: RUN, kind: "bench", name: "writer test", config: {} });
  store.items.plan(
    RUN,
    ids.map((id) => ({ id })),
  );
  return store;
}

describe("result writer", () => {
  const ids = ["a", "b", "c"];

  it("the writer thread commits exactly what the inline writer does, before `write` resolves", async () => {
    const threaded = planned(tmp.dbFile, ids);
    const writer = openResultWriter(threaded);
    await writer.write(batchOf(ids));
    // Readable on the main connection as soon as the promise resolves: it is committed.
    expect(threaded.items.counts(RUN)).toMatchObject({ done: 2, failed: 1, pending: 0 });
    await writer.write(batchOf(ids)); // a repeated batch changes nothing (first write wins)
    await writer.close();

    const inline = planned(`${tmp.dir}/inline.db`, ids);
    await openResultWriter(inline, { background: false }).write(batchOf(ids));
    expect(contents(threaded)).toEqual(contents(inline));
    expect(contents(threaded).generations).toHaveLength(3);
  });

  it("a batch naming an item never planned fails whole (nothing of it is committed), as INTERNAL", async () => {
    const store = planned(tmp.dbFile, ids);
    const writer = openResultWriter(store);
    const bad = batchOf(["a", "b", "zzz"]);
    await expect(writer.write(bad)).rejects.toMatchObject({
      code: "INTERNAL",
      message: expect.stringMatching(/item zzz was never planned/),
    });
    expect(store.generations.list(RUN)).toHaveLength(0);
    expect(store.items.counts(RUN).pending).toBe(3);
    // The writer goes on: the next good batch commits.
    await writer.write(batchOf(ids));
    await writer.close();
    expect(store.items.counts(RUN).pending).toBe(0);
  });

  it("an undecided verdict without a reason is refused before anything is handed to the thread", async () => {
    const store = planned(tmp.dbFile, ids);
    const writer = openResultWriter(store);
    const batch = batchOf(ids);
    const scores = batch.scores.map((s) => ({
      ...s,
      score: { ...s.score, label: "unknown", rationale: "" },
    }));
    await expect(writer.write({ ...batch, scores })).rejects.toThrow(/"unknown" without a reason/);
    await writer.close();
    expect(store.generations.list(RUN)).toHaveLength(0);
  });

  it("an in-memory store writes inline (a second connection could not see it)", async () => {
    const store = planned(":memory:", ids);
    const writer = openResultWriter(store);
    await writer.write(batchOf(ids));
    await writer.close();
    expect(store.items.counts(RUN)).toMatchObject({ done: 2, failed: 1 });
  });
});
