import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stableStringify } from "../core/index.js";
import { openStore } from "../store/index.js";
import { resolveEngineCheckpoint } from "../train/index.js";
import { cycleConfigSchemaWith } from "./cycle-config.js";
import { cycleRunConfig, finishedStages, recordStage, startCycleRun } from "./cycle-record.js";
import { capabilityFileFor } from "./cycle-suites/cycle-suites.js";

const dir = mkdtempSync(path.join(tmpdir(), "breakfix-cycle-alias-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const aliases = { small: "engine:base", judge: "mock:refuse" };

describe("a model alias in a cycle config", () => {
  it("is the same ref everywhere: the train stage's backend, the capability set, stored and read back", () => {
    const config = cycleConfigSchemaWith(aliases).parse({ model: "small", redteam: { attacker: "judge" } });
    expect(config.model).toMatchObject({ kind: "engine", id: "engine:base", written: "small" });
    expect(config.redteam.attacker).toMatchObject({ kind: "mock", id: "mock:refuse" });
    // The engine trainer finds the alias's checkpoint; the built-in capability set is chosen for it.
    expect(resolveEngineCheckpoint(config.model, dir)).toMatch(/base$/);
    expect(capabilityFileFor(config.model, undefined, dir, dir)).toMatch(/capability\.jsonl$/);
    // Stored as written (the configuration's hash unchanged) and read back to the same ref.
    expect(stableStringify(config)).toContain('"model":"small"');
    const store = openStore(path.join(dir, "alias.db"));
    startCycleRun(store, "cycle-alias", { config, outDir: dir });
    recordStage(store, "cycle-alias", {
      round: 0,
      stage: "bench",
      seconds: 1,
      patch: { model: config.model },
    });
    const back = cycleRunConfig(store, "cycle-alias", aliases).config;
    expect(back.model).toMatchObject({ kind: "engine", id: "engine:base", written: "small" });
    expect(finishedStages(store, "cycle-alias", back.model)[0]?.patch.model).toBe(back.model);
    store.close();
  });

  it("that is not configured is refused at its field", () => {
    const bad = cycleConfigSchemaWith({}).safeParse({ model: "small" });
    expect(bad.error?.issues[0]).toMatchObject({
      path: ["model"],
      message: expect.stringMatching(/neither a model id nor an alias/),
    });
  });
});
