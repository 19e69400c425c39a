import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../../../test/helpers/run-cli.js";
import { type StubChatServer, startStubChatServer } from "../../models/testing/stub-chat-server.js";

const dir = mkdtempSync(path.join(tmpdir(), "breakfix-cycle-preflight-"));
let stub: StubChatServer;
beforeAll(async () => {
  stub = await startStubChatServer();
  stub.setHandler(() => ({ status: 401, body: JSON.stringify({ error: { message: "invalid api key" } }) }));
  writeFileSync(
    path.join(dir, "breakfix.yaml"),
    `providers:\n  remote:\n    type: openai\n    baseUrl: ${stub.baseUrl}\n    maxRetries: 0\n`,
  );
  mkdirSync(path.join(dir, "configs"), { recursive: true });
});
afterAll(async () => {
  await stub.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (argv: string[]) =>
  runCliCaptured(["--db", path.join(dir, "c.db"), ...argv], {
    cwd: dir,
    env: { BREAKFIX_DATASETS: path.join(dir, "no-datasets") },
  });
const cycleFile = (name: string, text: string): string => {
  writeFileSync(path.join(dir, name), text);
  return name;
};

async function expectRefusedBeforeAnyStage(
  file: string,
  phrase: RegExp,
  extra: string[] = [],
): Promise<void> {
  const r = await cli(["cycle", "run", file, ...extra]);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(phrase);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  const list = await cli(["--json", "cycle", "list"]);
  expect(JSON.parse(list.stdout)).toEqual([]); // no `failed` cycle left behind
}

describe("cycle run checks its config before any stage (exit 2, one line, no cycle recorded)", () => {
  it("an unknown provider", async () => {
    await expectRefusedBeforeAnyStage(
      cycleFile("nosuch.yaml", "model: nosuch:model\n"),
      /^breakfix: model: Unknown model provider "nosuch"/,
    );
  });

  it("engine:./missing, looked up beside the cycle file rather than in the working directory", async () => {
    const file = cycleFile(path.join("configs", "missing.yaml"), "model: engine:./missing\n");
    await expectRefusedBeforeAnyStage(
      file,
      new RegExp(`No engine checkpoint "${path.join(dir, "configs", "missing")}"`),
    );
  });

  it("an API model that does not answer the probe (401)", async () => {
    await expectRefusedBeforeAnyStage(
      cycleFile("remote.yaml", "model: remote:m\n"),
      /^breakfix: model: remote:m did not answer the pre-flight probe \(auth: .*invalid api key.*--no-probe/,
    );
    expect(stub.hits).toBeGreaterThan(0);
  });

  it("an unknown judge", async () => {
    await expectRefusedBeforeAnyStage(
      cycleFile("judge.yaml", "redteam:\n  judge: nosuch:judge\n"),
      /^breakfix: judge\.yaml:2:10: redteam\.judge: Unknown judge "nosuch:judge"\. Fix: use one of: /,
    );
  });

  it("an objectives dataset that does not load", async () => {
    await expectRefusedBeforeAnyStage(
      cycleFile("data.yaml", "redteam:\n  objectives: [harmbench]\n"),
      /^breakfix: .*redteam\.objectives: .*harmbench/i,
    );
  });
});
