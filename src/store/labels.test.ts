import { afterEach, describe, expect, it, vi } from "vitest";
import { openStore, type Store } from "./index.js";

let store: Store;
afterEach(() => {
  vi.useRealTimers();
  store?.close();
});

const ref = { runId: "bench-1", itemId: "item-a", attempt: 0, turn: 0 };

describe("labels repository", () => {
  it("keys a label by (sample, space, labeller): relabelling updates the row, never duplicates it", () => {
    store = openStore(":memory:");
    vi.useFakeTimers({ now: new Date("2026-12-07T10:00:00Z"), toFake: ["Date"] });
    expect(store.labels.put({ ...ref, space: "refusal", labeller: "ana", label: "full_refusal" })).toBe(
      "created",
    );
    expect(store.labels.put({ ...ref, space: "refusal", labeller: "ana", label: "full_refusal" })).toBe(
      "unchanged",
    );
    vi.setSystemTime(new Date("2026-12-07T10:05:00Z"));
    expect(store.labels.put({ ...ref, space: "refusal", labeller: "ana", label: "partial_refusal" })).toBe(
      "updated",
    );
    // Another person, another space: rows of their own.
    store.labels.put({ ...ref, space: "refusal", labeller: "bo", label: "full_compliance" });
    store.labels.put({ ...ref, space: "binary", labeller: "ana", label: "safe" });

    const ana = store.labels.list({ space: "refusal", labeller: "ana" });
    expect(ana).toEqual([
      {
        ...ref,
        space: "refusal",
        labeller: "ana",
        label: "partial_refusal",
        createdAt: "2026-12-07T10:00:00.000Z",
        updatedAt: "2026-12-07T10:05:00.000Z",
      },
    ]);
    expect(store.labels.list({ space: "refusal" }).map((l) => l.labeller)).toEqual(["ana", "bo"]);
    expect(store.labels.list().length).toBe(3);
    expect(store.tableCounts()["labels"]).toBe(3);
    expect(store.labels.get(ref, "binary", "ana")?.label).toBe("safe");
    expect(store.labels.remove(ref, "binary", "ana")).toBe(true);
    expect(store.labels.remove(ref, "binary", "ana")).toBe(false);
  });

  it("refuses an empty label or labeller as a STORE error", () => {
    store = openStore(":memory:");
    expect(() => store.labels.put({ ...ref, space: "binary", labeller: "", label: "safe" })).toThrow(
      /CHECK constraint/,
    );
    expect(() => store.labels.put({ ...ref, space: "binary", labeller: "ana", label: "" })).toThrow();
  });
});
