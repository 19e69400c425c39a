import { describe, expect, it } from "vitest";
import { builtinObjectives, splitObjectives } from "./cycle-objectives.js";

const noData = async (): Promise<never> => {
  throw new Error("no dataset in this test");
};
const group = (id: string) => id.split("~")[0];

describe("the cycle's objective split", () => {
  it("asks each built-in request several ways, with distinct wordings", () => {
    const all = builtinObjectives();
    const byGroup = new Map<string, string[]>();
    for (const o of all) byGroup.set(group(o.id)!, [...(byGroup.get(group(o.id)!) ?? []), o.goal]);
    expect(byGroup.size).toBeGreaterThan(20);
    for (const goals of byGroup.values()) expect(new Set(goals).size).toBe(goals.length);
  });

  it("keeps a request's phrasings on one side, covers the areas on both, and follows the seed", async () => {
    const query = { sources: ["builtin"], areas: [], heldOutShare: 0.34 };
    const a = await splitObjectives(query, 5, noData);
    const inGroups = new Set(a.inDistribution.map((o) => group(o.id)));
    expect(a.heldOut.some((o) => inGroups.has(group(o.id)))).toBe(false);
    const share = a.heldOut.length / (a.heldOut.length + a.inDistribution.length);
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.4);
    const areas = (list: typeof a.heldOut) => new Set(list.map((o) => o.harmArea));
    expect(areas(a.heldOut).size).toBeGreaterThan(5);
    expect([...areas(a.heldOut)].every((x) => areas(a.inDistribution).has(x))).toBe(true);
    expect(await splitObjectives(query, 5, noData)).toEqual(a);
    expect((await splitObjectives(query, 6, noData)).heldOut).not.toEqual(a.heldOut);
  });

  it("limits the objectives before splitting, and filters by area", async () => {
    const limited = await splitObjectives(
      { sources: ["builtin"], areas: [], heldOutShare: 0.5, limit: 12 },
      1,
      noData,
    );
    expect(limited.inDistribution.length + limited.heldOut.length).toBe(12);
    const cyber = await splitObjectives(
      { sources: ["builtin"], areas: ["cyber"], heldOutShare: 0.34 },
      1,
      noData,
    );
    expect([...cyber.inDistribution, ...cyber.heldOut].every((o) => o.harmArea === "cyber")).toBe(true);
  });
});
