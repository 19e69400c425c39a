import { spawnSync } from "node:child_process";

/**
 * A Python interpreter that imports torch (Debian's python3-torch), for the tests that run the real training
 * script; undefined, with a warning, where there is none. In CI (which installs it) its absence is an error.
 */
export function torchPython(testName: string): string | undefined {
  const found = ["python3", "/usr/bin/python3"].find(
    (exe) => spawnSync(exe, ["-c", "import torch"], { stdio: "ignore" }).status === 0,
  );
  if (found) return found;
  const why = "no python3 with torch (apt-get install python3-torch)";
  if (process.env.CI) throw new Error(`${testName}: ${why}; .ci/run installs it`);
  console.warn(`skipping ${testName}: ${why}`);
  return undefined;
}
