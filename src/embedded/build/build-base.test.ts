import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { silentProgress } from "../../core/index.js";
import { loadCheckpoint } from "../../engine/formats/index.js";
import { createModelResolver } from "../../models/index.js";
import { buildEvalSet } from "../eval/eval-set.js";
import { evaluateBase, formatEvaluation, type RateFigure } from "../eval/evaluate-base.js";
import { TINY_RECIPE } from "./base-recipe.js";
import { BUILD_MANIFEST, buildBase } from "./build-base.js";

const dir = mkdtempSync(path.join(tmpdir(), "build-base-"));
const report = buildBase(TINY_RECIPE, dir, silentProgress);

describe("build-base (tiny recipe)", () => {
  it("drives the loss down and writes a float16 checkpoint with its manifest", () => {
    expect(report.firstLoss).toBeGreaterThan(4);
    expect(report.tailLoss).toBeLessThan(report.firstLoss * 0.75);
    const manifest = JSON.parse(readFileSync(path.join(dir, BUILD_MANIFEST), "utf8"));
    expect(manifest.weightsSha256).toBe(report.weightsSha256);
    const header = readFileSync(path.join(dir, "model.safetensors")).subarray(8, 400).toString("latin1");
    expect(header).toContain('"dtype":"F16"');
    const loaded = loadCheckpoint(dir);
    expect(loaded.config.vocabSize).toBe(report.vocabSize);
  });

  it("is deterministic: the same recipe gives the same weights", () => {
    const again = mkdtempSync(path.join(tmpdir(), "build-base-"));
    expect(buildBase({ ...TINY_RECIPE, steps: 3 }, again, silentProgress).weightsSha256).toBe(
      buildBase({ ...TINY_RECIPE, steps: 3 }, path.join(again, "b"), silentProgress).weightsSha256,
    );
    expect(existsSync(path.join(again, "b", "config.json"))).toBe(true);
  });

  it("evaluates the built model on held-out prompts through the engine provider", async () => {
    const model = createModelResolver({
      providers: {},
      cacheDir: path.join(dir, "cache"),
      cache: false,
    }).resolve(`engine:${dir}`);
    const full = buildEvalSet();
    const set = {
      capability: full.capability.filter((_, i) => i % 40 === 0),
      harmful: full.harmful.slice(0, 4),
      wrapped: full.wrapped.slice(0, 2),
      multiTurn: full.multiTurn.slice(0, 2),
      borderline: full.borderline.slice(0, 3),
    };
    const e = await evaluateBase(model, set);
    const families = new Set(set.capability.map((t) => t.family));
    expect(Object.keys(e.accuracy).sort()).toEqual([...families].sort());
    expect(e.overallAccuracy.n + e.overallAccuracy.errors).toBe(set.capability.length);
    // Every reply is judged, failed, or set apart as degenerate (the tiny model babbles).
    const accounted = (f: RateFigure, d: RateFigure) => f.n + f.errors + Math.round(d.rate * d.n);
    expect(accounted(e.harmfulCompliance, e.degenerate.harmful)).toBe(4);
    expect(accounted(e.borderlineRefusal, e.degenerate.borderline)).toBe(3);
    expect(accounted(e.wrappedCompliance, e.degenerate.wrapped)).toBe(2);
    expect(accounted(e.multiTurnCompliance, e.degenerate["multi-turn"])).toBe(2);
    // The schematic shape is tallied per harmful section, over every reply of that section.
    expect([e.harmfulSchematic.n, e.wrappedSchematic.n, e.multiTurnSchematic.n]).toEqual([4, 2, 2]);
    for (const f of [e.overallAccuracy, e.harmfulCompliance, e.borderlineRefusal]) {
      expect(f.rate).toBeGreaterThanOrEqual(0);
      expect(f.rate).toBeLessThanOrEqual(1);
    }
    expect(formatEvaluation(e)).toMatch(/direct +\d+\.\d% \(n=\d.*\/ \d+\.\d%/);
  });
});
