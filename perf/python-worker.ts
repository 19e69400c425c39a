import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

/**
 * A long-lived Debian python3 process running a reference benchmark: it reads one JSON command per line on
 * stdin and answers one JSON line with `tokPerSec`, so rounds can interleave with the engine's in one run.
 */
export function startPythonWorker(source: string, config: object) {
  const child = spawn("/usr/bin/python3", ["-c", source, JSON.stringify(config)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const read = async () => JSON.parse((await lines.next()).value as string) as Record<string, unknown>;
  return {
    ready: read,
    async run(cmd: object): Promise<number> {
      child.stdin.write(`${JSON.stringify(cmd)}\n`);
      return (await read()).tokPerSec as number;
    },
    close: () => child.stdin.end(),
  };
}
