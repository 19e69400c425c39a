import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../store/index.js";

const MAIN = path.join(import.meta.dirname, "main.ts");
const live: ChildProcess[] = [];
afterEach(() => {
  for (const c of live.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
});

/** A real `breakfix bench run` process on a slow mock, sent `signal` once its progress shows it started. */
function interruptedBench(
  dbFile: string,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; stderr: string }> {
  const argv = ["--db", dbFile, "bench", "run", "xstest", "--limit", "6", "--concurrency", "1"];
  const child = spawn(
    process.execPath,
    ["--import", "tsx", MAIN, ...argv, "--model", "mock:slow-400", "--run-id", "sig"],
    {
      // tsx resolves from the working directory: the repository's.
      cwd: path.resolve(import.meta.dirname, "../.."),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  live.push(child);
  let stderr = "";
  let sent = false;
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
    // The progress line `bench sig 1/6` says the run is under way with an item finished.
    if (!sent && /bench sig [1-5]\/6/.test(stderr)) {
      sent = true;
      child.kill(signal);
    }
  });
  child.stdout.resume();
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("signals", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "%s stops a bench run cleanly: exit 130, run marked interrupted, finished items kept",
    async (signal) => {
      const dbFile = path.join(mkdtempSync(path.join(tmpdir(), "breakfix-signal-")), "s.db");
      const r = await interruptedBench(dbFile, signal);
      expect(r.code, r.stderr).toBe(130);
      expect(r.stderr).toMatch(/breakfix: bench run sig was interrupted; finished items are kept/);
      const store = openStore(dbFile);
      expect(store.runs.get("sig")?.status).toBe("interrupted");
      const counts = store.items.counts("sig");
      expect(counts.done).toBeGreaterThan(0);
      expect(counts.pending).toBeGreaterThan(0);
      store.close();
    },
    60_000,
  );
});
