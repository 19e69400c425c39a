import { describe, expect, it } from "vitest";
import { createRng } from "../../core/index.js";
import { createScriptedModel } from "../../models/index.js";
import { randomText } from "./random-text.js";
import { converterRegistry } from "./registry.js";

// LLM-backed converters run against a scripted model that answers with a fixed rewrite.
const model = createScriptedModel([{ match: /[\s\S]*/, reply: "rewritten text" }]);
const converters = converterRegistry.list();

describe("converter contract (every registered converter)", () => {
  it("registers at least 25 converters", () => {
    expect(converters.length).toBeGreaterThanOrEqual(25);
  });

  describe.each(converters.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const param = c.parameter?.example;
    const run = (text: string, seed: number) => c.convert(text, { rng: createRng(seed), param, model });

    it("has a kebab-case id and a one-line description", () => {
      expect(c.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(c.description.length).toBeGreaterThan(10);
      expect(c.description).not.toContain("\n");
    });

    it("is deterministic for a seed", async () => {
      const rng = createRng(99);
      for (let i = 0; i < 20; i++) {
        const text = randomText(rng);
        expect(await run(text, i)).toBe(await run(text, i));
      }
    });

    it("gives non-empty output for non-empty input", async () => {
      const rng = createRng(5);
      for (let i = 0; i < 20; i++) {
        const text = `${randomText(rng)}x`;
        expect((await run(text, i)).length).toBeGreaterThan(0);
      }
    });

    // Only the properties a converter claims are tested: decodable ones round-trip, pure lossy ones change text.
    if (c.decodable) {
      it("round-trips random Unicode text", async () => {
        const rng = createRng(1234);
        for (let i = 0; i < 300; i++) {
          const text = randomText(rng);
          expect(c.decode?.(await run(text, i), param)).toBe(text);
        }
      });
    } else if (c.kind === "pure") {
      it("changes ordinary text", async () => {
        expect(await run("Please describe the weather in Paris today", 3)).not.toBe(
          "Please describe the weather in Paris today",
        );
      });
    }
    if (c.readBack) {
      it("reads its output back, in lower case", async () => {
        const text = "Please describe the weather in Paris today";
        expect(c.readBack?.(await run(text, 3))).toBe(text.toLowerCase());
      });
    }
  });
});
