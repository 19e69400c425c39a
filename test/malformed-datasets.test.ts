import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCliCaptured } from "./helpers/run-cli.js";

/**
 * Every malformed dataset file must fail `breakfix data check <loader> <file>` the same way: exit code 2,
 * one line on stderr naming the file and the place (line or field) with a fix, and no stack trace.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const DIR = path.join(ROOT, "test", "malformed", "datasets");

/** file → [loader whose format it claims, the place the message must name]. */
const CASES: Record<string, [loader: string, place: string]> = {
  "csv-empty-file.csv": ["advbench-strings", ".csv:1:"],
  "csv-header-only.csv": ["advbench", ".csv:1:"],
  "csv-latin1-not-utf8.csv": ["advbench", ".csv:2:"],
  "csv-unterminated-quote.csv": ["advbench", ".csv:2:14:"],
  "csv-wrong-column-count.csv": ["harmbench", ".csv:3: row 2"],
  "garak-dan-not-an-array.json": ["jailbreak-templates", ".json:1:"],
  "harmbench-contextual-without-context.csv": ["harmbench", ".csv:3: ContextString: row 2"],
  "jbb-artifact-missing-jailbroken.json": ["jbb-artifacts", "jailbreaks[1].jailbroken"],
  "jbb-behaviors-non-numeric-index.csv": ["jbb-behaviors", ".csv:2: Index: row 1"],
  "jsonl-bad-json-line.jsonl": ["do-not-answer", ".jsonl:3:"],
  "jsonl-missing-prompt.jsonl": ["do-not-answer", ".jsonl:2: prompt"],
  "multijail-missing-translation.csv": ["multijail", ".csv:2: sw: row 1"],
  "pyrit-seeds-no-prompts.prompt": ["pyrit-seeds", "prompts"],
  "pyrit-seeds-invalid-yaml.prompt": ["pyrit-seeds", ".prompt:3:1:"],
  "pyrit-template-no-prompt-param.yaml": ["jailbreak-templates", "parameters: parameter `prompt`"],
  "toxigen-unlabelled-file-name.txt": ["toxigen", "file name toxigen-unlabelled-file-name.txt"],
  "xstest-completions-bad-agreement.csv": ["xstest-completions", ".csv:2: agreement: row 1"],
  "xstest-completions-unknown-final-label.csv": ["xstest-completions", ".csv:3: final_label: row 2"],
  "xstest-prompts-label-contradicts-type.csv": ["xstest", ".csv:3: label: row 2"],
  "xstest-prompts-missing-column.csv": ["xstest", ".csv:1: header: missing column `label`"],
  "xstest-prompts-utf16.csv": ["xstest", ".csv:1:"],
};

async function check(loader: string, file: string) {
  return runCliCaptured(["data", "check", loader, file], { cwd: ROOT });
}

function expectOneLocatedLine(stderr: string, file: string, place: string): void {
  expect(stderr).not.toMatch(/\n\s+at /);
  const lines = stderr.split("\n").filter((l) => l !== "");
  expect(lines, stderr).toHaveLength(1);
  const line = lines[0] as string;
  expect(line).toContain(file);
  expect(line).toContain(place);
  expect(line).toContain("Fix:");
}

describe("malformed dataset files", () => {
  const files = readdirSync(DIR).sort();

  it("the corpus has at least 12 files, each with a case below", () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    expect(files).toEqual(Object.keys(CASES).sort());
  });

  for (const [file, [loader, place]] of Object.entries(CASES)) {
    it(`${file} (${loader}): exit 2, one line naming the place, with a fix`, async () => {
      const { code, stdout, stderr } = await check(loader, path.join("test", "malformed", "datasets", file));
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expectOneLocatedLine(stderr, file, place);
    });
  }

  it("a real `breakfix` process reports the same way (spawned with node --import tsx)", () => {
    const file = path.join("test", "malformed", "datasets", "csv-unterminated-quote.csv");
    const child = spawnSync(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "data", "check", "advbench", file],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, BREAKFIX_DEBUG: "" },
        timeout: 60_000,
      },
    );
    expect(child.status).toBe(2);
    expectOneLocatedLine(child.stderr, "csv-unterminated-quote.csv", ".csv:2:14:");
    expect(child.stdout).toBe("");
  });
});
