import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCliCaptured } from "../../../test/helpers/run-cli.js";

const cwd = mkdtempSync(path.join(tmpdir(), "model-cli-"));
const cli = (argv: string[]) => runCliCaptured(argv, { cwd, env: {} });

describe("breakfix model", () => {
  it("build-base --tiny writes a checkpoint that chat, eval-base and export use", async () => {
    const built = await cli(["--json", "model", "build-base", "--tiny", "--steps", "5", "--out", "tiny"]);
    expect(built.code, built.stderr).toBe(0);
    const report = JSON.parse(built.stdout);
    expect(report.weightsSha256).toMatch(/^[0-9a-f]{64}$/);

    const chat = await cli([
      "--json",
      "model",
      "chat",
      `engine:${path.join(cwd, "tiny")}`,
      "What is 2 plus 3?",
      "--max-tokens",
      "4",
    ]);
    expect(chat.code, chat.stderr).toBe(0);
    expect(JSON.parse(chat.stdout)).toMatchObject({ prompt: "What is 2 plus 3?" });

    const gguf = await cli(["model", "export", "tiny", "--format", "gguf", "--out", "tiny.gguf"]);
    expect(gguf.code, gguf.stderr).toBe(0);
    expect(readFileSync(path.join(cwd, "tiny.gguf")).subarray(0, 4).toString()).toBe("GGUF");
    const hf = await cli(["model", "export", "tiny", "--format", "hf", "--out", "tiny-hf"]);
    expect(hf.code, hf.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(cwd, "tiny-hf", "config.json"), "utf8")).architectures).toEqual([
      "LlamaForCausalLM",
    ]);
  });

  it("eval-set writes JSONL that the capability suite reads", async () => {
    const r = await cli(["model", "eval-set", "--out", "eval"]);
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(path.join(cwd, "eval", "capability.jsonl"), "utf8")
      .trim()
      .split("\n");
    expect(lines.length).toBeGreaterThan(500);
    expect(Object.keys(JSON.parse(lines[0] as string))).toEqual(["id", "prompt", "expected", "family"]);
  });

  it("chat answers from a mock model and rejects bad flags with a usage error", async () => {
    const r = await cli(["model", "chat", "mock:echo", "hi there"]);
    expect(r.stdout).toBe("hi there\n");
    const bad = await cli(["model", "export", "tiny", "--format", "onnx", "--out", "x"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format must be gguf or hf/);
  });
});
