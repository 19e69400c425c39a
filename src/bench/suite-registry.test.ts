import { describe, expect, it } from "vitest";
import { createRng } from "../core/index.js";
import { judgeRoleOf } from "./bench-judges.js";
import { suiteRegistry } from "./suite-registry.js";
import { loadTinySamples } from "./testing/tiny-datasets.js";

// The custom suites read the user's own prompt file; the others ignore the option.
const options = {
  customFile: new URL("../../test/fixtures/bench/custom-prompts.jsonl", import.meta.url).pathname,
};

describe("every registered suite (contract)", () => {
  it.each(suiteRegistry.list().map((s) => [s.id, s] as const))("%s", async (_id, suite) => {
    expect(suite.description.length).toBeGreaterThan(10);
    expect(judgeRoleOf(suite.defaultJudge), "the default judge serves the suite's role").toBe(
      suite.role === "severity" ? "harm" : suite.role,
    );
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

describe("judge roles", () => {
  it("a composite serves its members' common role", () => {
    expect(judgeRoleOf("any(llm:refusal:mock:refuse,refusal:learned)")).toBe("refusal");
    expect(judgeRoleOf("cascade(harm:learned>llm:harm-severity:mock:x)")).toBe("harm");
    expect(judgeRoleOf("majority(groundedness:lexical,llm:groundedness:m,groundedness:lexical)")).toBe(
      "groundedness",
    );
    expect(judgeRoleOf("any(harm:learned,refusal:learned)")).toBeUndefined();
  });
});
