import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runCliCaptured } from "./helpers/run-cli.js";

/**
 * Every file in test/malformed/configs/ is a config a user could plausibly write and that must be
 * refused with one line naming the file and the line, a fix, exit code 2, and no stack trace.
 */
const root = path.resolve(import.meta.dirname, "..");
const dir = path.join(root, "test/malformed/configs");

// Where each problem must be reported (line:column) and a phrase of its message.
const EXPECTED: Record<string, [string, string]> = {
  "alias-bomb.yaml": ["3:8", "aliases expand"],
  "bad-harm-area-id.yaml": ["3:11", "is not a kebab-case id"],
  "bad-indentation.yaml": ["4:14", "invalid YAML"],
  "bad-model-id-in-alias.yaml": ["4:13", "is not a model id"],
  "bad-sha256.yaml": ["5:15", "64-hex-digit SHA-256"],
  "bad-url-no-scheme.yaml": ["3:14", "is not an http(s) URL"],
  "credential-in-headers.yaml": ["6:16", "would put a credential in the config file"],
  "deep-nesting.yaml": ["3:46", "nesting deeper than"],
  "duplicate-key.yaml": ["6:5", "Map keys must be unique"],
  "literal-api-key-in-apikeyenv.yaml": ["4:16", "looks like an API key"],
  "negative-concurrency.yaml": ["4:18", "must be ≥ 1 (got -2)"],
  "new-harm-area-without-bands.yaml": ["3:7", "is missing bands"],
  "provider-without-baseurl.yaml": ["2:3", "has no baseUrl"],
  "tab-indentation.yaml": ["3:1", "Tabs are not allowed"],
  "top-level-is-a-list.yaml": ["1:1", "expected a mapping"],
  "two-yaml-documents.yaml": ["2:1", "more than one YAML document"],
  "unclosed-quote.yaml": ["5:1", "Missing closing"],
  "unknown-key-typo.yaml": ["3:5", "did you mean `baseUrl`"],
  "unknown-provider-type.yaml": ["3:11", 'must be one of "openai", "gguf" (got "vllm")'],
  "wrong-type-concurrency-is-text.yaml": ["4:18", 'expected a number, got "four"'],
  "yes-instead-of-true.yaml": ["1:8", 'expected true or false, got "yes"'],
};

async function cli(argv: string[]) {
  return runCliCaptured(argv, { cwd: root });
}

const files = readdirSync(dir)
  .filter((f) => f.endsWith(".yaml"))
  .sort();

describe("malformed configs", () => {
  it("the corpus has at least 12 files and each has an expectation", () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)("%s: exit 2, one located line with a fix, no stack", async (name) => {
    const file = `test/malformed/configs/${name}`;
    const r = await cli(["--config", file, "config", "validate"]);
    const [where, phrase] = EXPECTED[name] ?? ["?", "?"];
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.endsWith("\n")).toBe(true);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(`breakfix: ${file}:${where}: `);
    expect(r.stderr).toContain(phrase);
    expect(r.stderr).toContain("Fix:");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("the positional file of `config validate` is checked the same way", async () => {
    const r = await cli(["config", "validate", "test/malformed/configs/negative-concurrency.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^breakfix: test\/malformed\/configs\/negative-concurrency\.yaml:4:18: /);
  });

  it("never repeats a pasted API key", async () => {
    const name = "literal-api-key-in-apikeyenv.yaml";
    const key = /apiKeyEnv: (\S+)/.exec(readFileSync(path.join(dir, name), "utf8"))?.[1] ?? "";
    expect(key.startsWith("sk-")).toBe(true);
    const r = await cli(["--config", `test/malformed/configs/${name}`, "config", "validate"]);
    expect(r.stderr).not.toContain(key);
  });

  it("a real `breakfix` process prints the same one line and exits 2", async () => {
    const run = promisify(execFile);
    const env = { ...process.env, BREAKFIX_DEBUG: "", BREAKFIX_CONFIG: "" };
    const file = "test/malformed/configs/unknown-key-typo.yaml";
    const result = await run(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "--config", file, "config", "validate"],
      { cwd: root, env },
    ).then(
      () => ({ code: 0, stderr: "" }),
      (err: { code: number; stderr: string }) => err,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `breakfix: ${file}:3:5: providers.local.basUrl: unknown key "basUrl" (and 1 more problem). Fix: did you mean \`baseUrl\`? Rename the key to \`baseUrl:\`\n`,
    );
  });
});
