import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../store/index.js";
import { writeTinyCheckpoint } from "../train/testing/tiny-checkpoint.js";
import { preflightCycle } from "./preflight-cycle.js";
import { testCycleEnv, tinyCycleConfig } from "./testing/cycle-test-kit.js";

const dir = mkdtempSync(path.join(tmpdir(), "breakfix-preflight-"));
const store = openStore(path.join(dir, "p.db"));
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});
const env = testCycleEnv(store, dir);
const preflight = (overrides: Parameters<typeof tinyCycleConfig>[0], probe = true) =>
  preflightCycle(env, tinyCycleConfig(overrides), { probe });

describe("a cycle's pre-flight check", () => {
  it("passes a sound config (the shipped base, built-in judges and objectives) and starts nothing", async () => {
    await expect(preflight({})).resolves.toBeUndefined();
    expect(store.runs.list({ kind: "cycle" })).toHaveLength(0);
  });

  it("names the field of a model that does not resolve: unknown provider, missing or broken checkpoint", async () => {
    await expect(preflight({ model: "nosuch:model" })).rejects.toThrow(
      /^model: Unknown model provider "nosuch"/,
    );
    await expect(preflight({ model: `engine:${path.join(dir, "missing")}` })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const broken = path.join(dir, "broken");
    writeTinyCheckpoint(broken);
    writeFileSync(
      path.join(broken, "model.safetensors"),
      "\u0010\u0000\u0000\u0000\u0000\u0000\u0000\u0000{}",
    );
    await expect(preflight({ model: `engine:${broken}` })).rejects.toMatchObject({ code: "DATA_INVALID" });
    await expect(preflight({ redteam: { attacker: "nosuch:x" } })).rejects.toThrow(/^redteam\.attacker: /);
  });

  it("asks an API model one question: a model that cannot answer fails, unless probing is off", async () => {
    await expect(preflight({ model: "mock:error-auth" })).rejects.toMatchObject({
      code: "CONFIG_INVALID",
      message: expect.stringMatching(/^model: mock:error-auth did not answer the pre-flight probe \(auth: /),
      fix: expect.stringContaining("--no-probe"),
    });
    await expect(preflight({ model: "mock:error-auth" }, false)).resolves.toBeUndefined();
    await expect(preflight({ model: "mock:refuse" })).resolves.toBeUndefined();
  });

  it("names an unknown judge (as the config is read), and a bench judge for a suite the cycle does not run", async () => {
    expect(() => tinyCycleConfig({ redteam: { judge: "nosuch:judge" } })).toThrow(
      /Unknown judge .*nosuch:judge/,
    );
    await expect(
      preflight({ bench: { suites: ["capability"], judges: { xstest: "refusal:strmatch" } } }),
    ).rejects.toThrow(/bench\.judges\.xstest: the cycle does not run suite "xstest"/);
  });

  it("loads the objective datasets and a configured capability file", async () => {
    // The test environment loads no dataset: the objectives' loader error is reported at its field.
    await expect(preflight({ redteam: { objectives: ["harmbench"] } })).rejects.toThrow(
      /^redteam\.objectives: test cycles load no dataset \(harmbench\)/,
    );
    const sub = path.join(dir, "tasks");
    mkdirSync(sub, { recursive: true });
    await expect(
      preflight({ bench: { suites: ["capability"], capabilityFile: path.join(sub, "none.jsonl") } }),
    ).rejects.toThrow(/bench\.suites: capability/);
    writeFileSync(path.join(sub, "mine.jsonl"), '{"prompt":"x","harm_area":"burglary"}\n');
    writeFileSync(path.join(sub, "t.txt"), "no slot");
    await expect(preflight({ redteam: { templates: path.join(sub, "t.txt") } })).rejects.toThrow(
      /^redteam\.templates: template t has no \{\{ prompt \}\} placeholder/,
    );
    writeFileSync(path.join(sub, "goals.txt"), "# none\n");
    await expect(preflight({ redteam: { objectives: [path.join(sub, "goals.txt")] } })).rejects.toThrow(
      /^redteam\.objectives: .*goals\.txt has no objectives/,
    );
    await expect(
      preflight({ bench: { suites: ["custom"], customFile: path.join(sub, "mine.jsonl") } }),
    ).rejects.toThrow(/bench\.suites: custom: .*"burglary" is not an area/);
  });

  it("refuses the built-in helpfulness corpus for a model that is not the built-in one, and reads a file", async () => {
    await expect(
      preflight({ model: "openai:gpt-4o-mini", fixData: { helpfulness: "builtin" } }, false),
    ).rejects.toThrow(/^fixData\.helpfulness: builtin is the built-in model's toy corpus/);
    await expect(preflight({ fixData: { helpfulness: path.join(dir, "no-such.jsonl") } })).rejects.toThrow(
      /^fixData\.helpfulness: /,
    );
    const file = path.join(dir, "help.jsonl");
    writeFileSync(
      file,
      `${JSON.stringify({
        messages: [
          { role: "user", content: "Hi" },
          { role: "assistant", content: "Hello!" },
        ],
      })}\n`,
    );
    await expect(
      preflight({ model: "openai:gpt-4o-mini", fixData: { helpfulness: file } }, false),
    ).resolves.toBeUndefined();
  });
});
