import { describe, expect, it } from "vitest";
import { createRng } from "../core/index.js";
import { judgeRolesOf, parseJudgeSpec } from "../judges/index.js";
import { suiteRegistry } from "./suite-registry.js";
import { loadTinySamples } from "./testing/tiny-datasets.js";

// The custom suites read the user's own prompt file; the others ignore the option.
const options = {
  customFile: new URL("../../test/fixtures/bench/custom-prompts.jsonl", import.meta.url).pathname,
};

describe("every registered suite (contract)", () => {
  it.each(suiteRegistry.list().map((s) => [s.id, s] as const))("%s", async (_id, suite) => {
    expect(suite.description.length).toBeGreaterThan(10);
    expect(
      judgeRolesOf(parseJudgeSpec(suite.defaultJudge)),
      "the default judge fills the suite's role",
    ).toContain(suite.role);
    const items = await suite.load({ loadSamples: loadTinySamples, rng: createRng(1), options });
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((i) => i.sampleId)).size, "sample ids are unique").toBe(items.length);
    for (const item of items) {
      expect(item.suite).toBe(suite.id);
      // The payload is stored as JSON: it must survive the round trip unchanged.
      expect(JSON.parse(JSON.stringify(item))).toEqual(item);
    }
    for (const gradesSeverity of [false, true]) {
      const names = suite.metrics({ id: suite.defaultJudge, gradesSeverity }).map((m) => m.name);
      expect(new Set(names).size, "metric names are unique").toBe(names.length);
    }
    const limited = await suite.load({
      loadSamples: loadTinySamples,
      rng: createRng(1),
      limit: 1,
      options,
    });
    expect(limited.length).toBeLessThanOrEqual(suite.id === "multijail" ? 3 : 1);
  });
});
