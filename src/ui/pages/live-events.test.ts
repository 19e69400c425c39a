import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../store/index.js";
import type { UiServer } from "../http/start-ui.js";
import { type ServedTempUi, servedTempUi, type TempUiContext } from "../testing/ui-test-kit.js";
import { type RunProgress, watchStore } from "./live-events.js";

let served: ServedTempUi;
let ui: TempUiContext;
let server: UiServer;

beforeAll(async () => {
  served = await servedTempUi();
  ({ ui, server } = served);
});
afterAll(() => served?.close());

/** Reads `progress` events off an open /api/events response, one at a time. */
function sseReader(res: Response) {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return async function next(timeoutMs = 5_000): Promise<{ runs: RunProgress[] }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split("\n").find((l) => l.startsWith("data:"));
        if (block.includes("event: progress") && data) return JSON.parse(data.slice(5));
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("no progress event in time");
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error("no progress event in time")), left),
        ),
      ]);
      if (chunk.done) throw new Error("the event stream ended");
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
}

describe("live progress (server-sent events)", () => {
  it("pushes the runs' progress at once, then again when another connection or process writes the store", async () => {
    const abort = new AbortController();
    const res = await fetch(new URL("/api/events", server.url), { signal: abort.signal });
    try {
      expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const next = sseReader(res);
      expect((await next()).runs).toEqual([]);

      // Another connection to the same file, as a CLI run in another terminal would have.
      const other = openStore(ui.env.store.path);
      try {
        other.runs.start({ id: "bench-live", kind: "bench", name: "live" });
        other.items.plan("bench-live", [{ id: "a" }, { id: "b" }]);
        other.items.markDone("bench-live", ["a"]);
      } finally {
        other.close();
      }
      let event = await next();
      while (event.runs[0]?.done !== 1) event = await next();
      expect(event.runs).toEqual([{ id: "bench-live", status: "running", done: 1, failed: 0, total: 2 }]);

      // Another process, with nothing of breakfix loaded.
      const script =
        "const D = require('better-sqlite3'); const db = new D(process.argv[1]);" +
        "db.prepare(\"UPDATE runs SET status = 'failed' WHERE id = 'bench-live'\").run(); db.close();";
      await promisify(execFile)(process.execPath, ["-e", script, ui.env.store.path], { cwd: process.cwd() });
      event = await next();
      while (event.runs[0]?.status !== "failed") event = await next();
      expect(event.runs[0]).toMatchObject({ id: "bench-live", status: "failed" });
    } finally {
      abort.abort();
    }
  });

  it("calls back once per burst of writes, and not at all for other files of the folder", async () => {
    let calls = 0;
    const stop = watchStore(ui.env.store.path, () => calls++);
    try {
      const other = openStore(ui.env.store.path);
      for (let i = 0; i < 5; i++) other.runs.start({ id: `burst-${i}`, kind: "bench", name: "burst" });
      other.close();
      await new Promise((r) => setTimeout(r, 600));
      expect(calls).toBeGreaterThanOrEqual(1);
      expect(calls).toBeLessThanOrEqual(2);
      calls = 0;
      writeFileSync(path.join(path.dirname(ui.env.store.path), "notes.txt"), "not the store");
      await new Promise((r) => setTimeout(r, 400));
      expect(calls).toBe(0);
    } finally {
      stop();
    }
    expect(watchStore(":memory:", () => {})).toBeTypeOf("function");
  });
});
