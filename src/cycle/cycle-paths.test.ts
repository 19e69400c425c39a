import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCycleConfig } from "./load-cycle-config.js";

const dir = mkdtempSync(path.join(tmpdir(), "breakfix-cycle-paths-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("relative paths in a cycle file", () => {
  it("resolve against the file's folder, not the working directory; flags against the working directory", () => {
    const sub = path.join(dir, "configs");
    mkdirSync(sub, { recursive: true });
    writeFileSync(
      path.join(sub, "cycle.yaml"),
      "model: engine:./ck\nredteam:\n  attacker: gguf:../models/a.gguf\n  objectives: [builtin, harmbench, goals.txt, ../asks/x.csv]\n  templates: tpl\nfixData:\n  teacher: engine:../teacher\n" +
        "bench:\n  suites: [capability, custom]\n  capabilityFile: tasks.jsonl\n  customFile: ../mine.csv\n",
    );
    const config = loadCycleConfig({ file: "configs/cycle.yaml", cwd: dir });
    expect(config.model?.id).toBe(`engine:${path.join(sub, "ck")}`);
    expect(config.redteam.attacker?.id).toBe(`gguf:${path.join(dir, "models", "a.gguf")}`);
    expect(config.fixData.teacher?.id).toBe(`engine:${path.join(dir, "teacher")}`);
    expect(config.bench.capabilityFile).toBe(path.join(sub, "tasks.jsonl"));
    expect(config.bench.customFile).toBe(path.join(dir, "mine.csv"));
    expect(config.redteam.objectives).toEqual([
      "builtin",
      "harmbench",
      path.join(sub, "goals.txt"),
      path.join(dir, "asks", "x.csv"),
    ]);
    expect(config.redteam.templates).toBe(path.join(sub, "tpl"));
    const flagged = loadCycleConfig({
      file: "configs/cycle.yaml",
      cwd: dir,
      flags: { model: "engine:./ck" },
    });
    expect(flagged.model?.id).toBe("engine:./ck");
  });
});
