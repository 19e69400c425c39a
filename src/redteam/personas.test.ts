import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { strategyRegistry } from "../attacks/index.js";
import { BreakfixError, type Sample } from "../core/index.js";
import { loadObjectives } from "./objectives.js";
import { loadPersonaFile } from "./persona-file.js";
import { personaRegistry, resolvePersona } from "./persona-registry.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "persona-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function failure(p: Promise<unknown>): Promise<BreakfixError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BreakfixError);
  return err as BreakfixError;
}

describe("personas", () => {
  it("built-ins: every step names a known strategy with valid options", () => {
    expect(personaRegistry.list().map((p) => p.id)).toEqual(["intermediate", "low-skilled"]);
    for (const p of personaRegistry.list()) {
      expect(p.budget).toBe(p.steps.reduce((s, x) => s + x.budget, 0));
      for (const step of p.steps)
        expect(() => strategyRegistry.get(step.strategy).parseOptions(step.options)).not.toThrow();
    }
  });

  it("a custom persona file loads from YAML and from JSON", async () => {
    const yaml = write(
      "mine.yaml",
      "id: mine\ndescription: base64 then many-shot\nbudget: 5\nsteps:\n  - strategy: converter-chain\n    options: { chains: [[base64]] }\n    budget: 2\n  - strategy: many-shot\n    budget: 4\n",
    );
    const p = await resolvePersona(yaml);
    expect(p).toMatchObject({ id: "mine", budget: 5, stopOnSuccess: true });
    expect(p.steps[0]).toEqual({ strategy: "converter-chain", options: { chains: [["base64"]] }, budget: 2 });
    const json = write(
      "mine.json",
      JSON.stringify({ id: "j", description: "d", steps: [{ strategy: "direct", budget: 1 }] }),
    );
    expect((await resolvePersona(json)).budget).toBe(1);
  });

  it("unknown ids list the known personas", async () => {
    const err = await failure(resolvePersona("expert"));
    expect(err.code).toBe("NOT_FOUND");
    expect(err.fix).toContain("low-skilled");
  });

  it("errors name the file, line and field, with a fix, and exit 2", async () => {
    const unknownStrategy = write(
      "a.yaml",
      "id: a\ndescription: d\nsteps:\n  - strategy: direct\n    budget: 1\n  - strategy: crescendoo\n    budget: 3\n",
    );
    let err = await failure(loadPersonaFile(unknownStrategy));
    expect(err).toMatchObject({
      code: "CONFIG_INVALID",
      location: { file: unknownStrategy, line: 6, field: "steps.1.strategy" },
    });
    expect(err.fix).toContain("crescendo");
    expect(err.exitCode).toBe(2);

    const badOption = write(
      "b.yaml",
      "id: b\ndescription: d\nsteps:\n  - strategy: tap\n    options:\n      depht: 3\n    budget: 3\n",
    );
    err = await failure(loadPersonaFile(badOption));
    expect(err).toMatchObject({ code: "CONFIG_INVALID", location: { line: 6, field: "steps.0.options" } });
    expect(err.message).toMatch(/depht/);

    const missingBudget = write("c.yaml", "id: c\ndescription: d\nsteps:\n  - strategy: direct\n");
    err = await failure(loadPersonaFile(missingBudget));
    expect(err).toMatchObject({ location: { line: 4, field: "steps.0.budget" } });

    const syntax = write("d.yaml", "id: d\ndescription: [unclosed\nsteps: []\n");
    err = await failure(loadPersonaFile(syntax));
    expect(err.code).toBe("CONFIG_INVALID");
    expect(err.location?.line).toBeGreaterThanOrEqual(2);

    err = await failure(loadPersonaFile(path.join(dir, "missing.yaml")));
    expect(err.code).toBe("NOT_FOUND");
  });
});

describe("objectives", () => {
  const samples: Sample[] = [
    { id: "s1", source: "x", prompt: "harm one", harmArea: "weapons", language: "en" },
    { id: "s2", source: "x", prompt: "harm two", harmArea: "cyber", language: "zu" },
    { id: "s3", source: "x", prompt: "benign", harmArea: "cyber", benign: true },
    { id: "s4", source: "x", prompt: [{ role: "user", content: "a conversation" }] },
    { id: "s5", source: "x", prompt: "harm five" },
    { id: "s6", source: "x", prompt: "harm six", harmArea: "cyber", language: "en" },
  ];
  const load = async () => samples;

  it("leaves out benign and conversation samples, filters area and language", async () => {
    expect((await loadObjectives({ datasets: ["x"], seed: 1 }, load)).map((o) => o.id)).toEqual([
      "s1",
      "s2",
      "s5",
      "s6",
    ]);
    const cyber = await loadObjectives(
      { datasets: ["x"], areas: ["cyber"], languages: ["en"], seed: 1 },
      load,
    );
    expect(cyber).toEqual([{ id: "s6", goal: "harm six", harmArea: "cyber", language: "en" }]);
  });

  it("--limit is a seeded choice: stable per seed, different across seeds", async () => {
    const pick = async (seed: number) =>
      (await loadObjectives({ datasets: ["x"], limit: 2, seed }, load)).map((o) => o.id);
    expect(await pick(3)).toEqual(await pick(3));
    const seen = new Set<string>();
    for (let s = 1; s <= 8; s++) seen.add((await pick(s)).join());
    expect(seen.size).toBeGreaterThan(1);
  });

  it("no objective left is a usage error", async () => {
    const err = await failure(loadObjectives({ datasets: ["x"], areas: ["nope"], seed: 1 }, load));
    expect(err.code).toBe("USAGE");
  });
});
