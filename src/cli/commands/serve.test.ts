import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { runCli } from "../run.js";

async function startServe(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const controller = new AbortController();
  const done = runCli(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: {},
    cwd: process.cwd(),
    isTTY: false,
    signal: controller.signal,
  });
  for (let i = 0; i < 200 && !stdout.includes('"url"'); i++) await new Promise((r) => setTimeout(r, 25));
  const url = (JSON.parse(stdout) as { url: string }).url;
  return { url, stop: () => controller.abort(), done, stderr: () => stderr };
}

describe("breakfix serve", () => {
  it("serves the shipped base model to a real OpenAI client until Ctrl-C", async () => {
    const s = await startServe(["--json", "serve", "engine:base", "--port", "0"]);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const client = new OpenAI({ baseURL: s.url, apiKey: "unused", maxRetries: 0 });
    const r = await client.chat.completions.create({
      model: "engine:base",
      messages: [{ role: "user", content: "What is the capital of France?" }],
      max_tokens: 8,
      temperature: 0,
    });
    expect(r.choices[0]?.message.content).toBe("Paris");
    s.stop();
    expect(await s.done).toBe(0);
    expect(s.stderr()).toContain("server stopped");
  });

  it("rejects a bad port with a usage error", async () => {
    let stderr = "";
    const code = await runCli(["serve", "mock:echo", "--port", "70000"], {
      stdout: () => {},
      stderr: (t) => {
        stderr += t;
      },
      env: {},
      cwd: process.cwd(),
      isTTY: false,
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--port must be a whole number from 0 to 65535/);
  });
});
