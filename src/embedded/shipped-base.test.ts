import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sha256Hex, user } from "../core/index.js";
import { createModelResolver, resolveCheckpointDir, SHIPPED_CHECKPOINTS_DIR } from "../models/index.js";
import { BASE_RECIPE } from "./build/base-recipe.js";
import { BUILD_MANIFEST } from "./build/build-base.js";
import { CORPUS_VERSION } from "./corpus/generate-corpus.js";

const shipped = path.join(SHIPPED_CHECKPOINTS_DIR, "base");

describe("the shipped base checkpoint", () => {
  it("is what engine:base resolves to when no local checkpoint named base exists", () => {
    const empty = mkdtempSync(path.join(tmpdir(), "no-base-"));
    expect(resolveCheckpointDir("base", ".breakfix/checkpoints", empty)).toBe(shipped);
  });

  it("matches its manifest, the current recipe and the current corpus version (else: rebuild it)", () => {
    const manifest = JSON.parse(readFileSync(path.join(shipped, BUILD_MANIFEST), "utf8"));
    expect(sha256Hex(readFileSync(path.join(shipped, "model.safetensors")))).toBe(manifest.weightsSha256);
    expect(manifest.recipe).toEqual(BASE_RECIPE);
    expect(manifest.corpusVersion).toBe(CORPUS_VERSION);
  });

  it("answers a trained question offline", async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), "base-cache-"));
    const model = createModelResolver({ providers: {}, cacheDir, cache: false }).resolve("engine:base");
    const r = await model.generate([user("What is the capital of France?")], { maxTokens: 8 });
    expect(r.ok && r.text).toBe("Paris");
  });
});
