import { describe, expect, it } from "vitest";
import { cycleConfigSchema } from "./cycle-config.js";
import { personaOf } from "./stages/redteam-stage.js";

const inline = (persona: Record<string, unknown>) =>
  cycleConfigSchema.safeParse({ redteam: { inDistribution: persona } });

describe("a cycle config's inline persona", () => {
  it("is refused when the campaign would refuse it, not after the baseline ran", () => {
    const bad = inline({ id: "my/persona", steps: [{ strategy: "direct", budget: 1 }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["redteam", "inDistribution", "id"]);
  });

  it("takes the persona file format, description optional, and makes the campaign's persona", () => {
    const ok = inline({ id: "my-persona", steps: [{ strategy: "direct", budget: 2 }] });
    expect(ok.success).toBe(true);
    const persona = personaOf(ok.data?.redteam.inDistribution ?? "");
    expect(persona).toMatchObject({ id: "my-persona", description: "cycle persona", budget: 2 });
    expect(inline({ id: "p", steps: [{ strategy: "direct", budget: 1 }], extra: 1 }).success).toBe(false);
  });
});
