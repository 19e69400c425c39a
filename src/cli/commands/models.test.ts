import { describe, expect, it } from "vitest";
import { runCliCaptured } from "../../../test/helpers/run-cli.js";

async function cli(argv: string[], env: Record<string, string | undefined> = {}) {
  return runCliCaptured(argv, { env });
}

describe("breakfix models", () => {
  it("check prints latency, reply, finish reason and usage", async () => {
    const r = await cli(["models", "check", "mock:echo", "--prompt", "hello there"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("status   ok");
    expect(r.stdout).toContain('reply    "hello there"');
    expect(r.stdout).toContain("finish   stop");
    expect(r.stdout).toMatch(/usage +\d+ prompt \+ \d+ completion tokens/);
    expect(r.stdout).toMatch(/latency +\d+ ms \(1 attempt\)/);
  });

  it("escapes control characters and truncates hostile output", async () => {
    const hostile = `\u001b[2J\u001b]0;pwned\u0007\u202eevil\r${"x".repeat(400)}`;
    const r = await cli(["models", "check", "mock:echo", "--prompt", hostile]);
    expect(r.stdout).not.toContain("\u001b");
    expect(r.stdout).not.toContain("\u202e");
    expect(r.stdout).toContain("\\x1b[2J");
    expect(r.stdout).toMatch(/more chars\)/);
  });

  it("check exits 1 with the recorded reason when the call fails", async () => {
    const r = await cli(["models", "check", "mock:error-auth"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("FAILED: auth");
    expect(r.stderr).toMatch(/^breakfix: mock:error-auth failed: auth: .*Fix: /);
  });

  it("check --json gives the result as JSON", async () => {
    const r = await cli(["--json", "models", "check", "mock:refuse"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ model: "mock:refuse", ok: true, finishReason: "stop" });
  });

  it("an unknown provider is a usage error naming the known ones", async () => {
    const r = await cli(["models", "check", "nosuch:model"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("openai");
  });

  it("list shows kinds, the default openai provider with the key variable's state but never its value", async () => {
    const secret = "sk-live-do-not-print-123456";
    const r = await cli(["--json", "models", "list"], { OPENAI_API_KEY: secret });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(secret);
    const l = JSON.parse(r.stdout);
    expect(l.kinds.map((k: { id: string }) => k.id)).toEqual(expect.arrayContaining(["mock", "openai"]));
    expect(l.providers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "openai", apiKeyEnv: "OPENAI_API_KEY", apiKeySet: true }),
      ]),
    );
    expect(l.mockModels.map((m: { id: string }) => m.id)).toContain("mock:fail-<N>");
    const human = await cli(["models", "list"], {});
    expect(human.stdout).toContain("key $OPENAI_API_KEY (NOT set)");
  });

  it("check of openai: without OPENAI_API_KEY fails as auth, naming the variable", async () => {
    const r = await cli(["models", "check", "openai:gpt-4o-mini"], {});
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("FAILED: auth");
    expect(r.stderr).toContain("OPENAI_API_KEY");
  });
});
