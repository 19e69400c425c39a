import { type ChildProcess, spawn } from "node:child_process";

const live: ChildProcess[] = [];

/** SIGKILLs every worker still running (call from `afterEach`, so a failed test leaves no process). */
export function killWorkers(): void {
  for (const c of live.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
}

/**
 * Runs a TypeScript worker script under tsx and SIGKILLs it at the first stdout line `killAt` accepts: a
 * crash at a chosen point, for crash-resume tests. Resolves with whether it was killed, every stdout line it
 * printed and the last one; rejects when it exits non-zero on its own.
 */
export function runKillableWorker(
  script: string,
  args: readonly string[],
  killAt?: (line: string) => boolean,
): Promise<{ killed: boolean; lines: string[]; last: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.push(child);
  let killed = false;
  const printed: string[] = [];
  let last = "";
  let buffer = "";
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  child.stdout.on("data", (d: Buffer) => {
    buffer += d.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) {
      printed.push(line);
      last = line;
      if (!killed && killAt?.(line)) {
        killed = true;
        child.kill("SIGKILL");
      }
    }
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      if (!killed && code !== 0) reject(new Error(`worker exited ${code}: ${stderr}`));
      else resolve({ killed, lines: printed, last });
    });
  });
}
