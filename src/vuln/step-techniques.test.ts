import { describe, expect, it } from "vitest";
import { stepTechniques } from "./step-techniques.js";

describe("step techniques", () => {
  it("expands converter chains, default chains included, one per query in order", () => {
    const step = stepTechniques({ strategy: "converter-chain", options: {} });
    expect(step && "perQuery" in step && step.perQuery.slice(0, 2)).toEqual([
      { strategy: "converter-chain", converters: ["base64"] },
      { strategy: "converter-chain", converters: ["rot13"] },
    ]);
    expect(
      stepTechniques({
        strategy: "converter-chain",
        options: { template: "template:breakfix/developer-mode", chains: [["leetspeak"], ["base64"]] },
      }),
    ).toEqual({
      perQuery: [
        {
          strategy: "converter-chain",
          converters: ["leetspeak"],
          template: "template:breakfix/developer-mode",
        },
        { strategy: "converter-chain", converters: ["base64"], template: "template:breakfix/developer-mode" },
      ],
    });
  });

  it("expands templates when each query's family is known, else counts the step without a family", () => {
    const listed = ["template:pyrit/aim", "template:breakfix/fiction"];
    expect(stepTechniques({ strategy: "template", options: { templates: listed, order: "listed" } })).toEqual(
      {
        perQuery: listed.map((template) => ({ strategy: "template", converters: [], template })),
      },
    );
    const oneFamily = ["template:pyrit/aim", "template:pyrit/dan"];
    expect(stepTechniques({ strategy: "template", options: { templates: oneFamily } })).toMatchObject({
      perQuery: [{ template: "template:pyrit/aim" }, { template: "template:pyrit/dan" }],
    });
    expect(stepTechniques({ strategy: "template", options: { templates: listed } })).toEqual({
      coarse: { strategy: "template", converters: [] },
    });
    expect(
      stepTechniques({ strategy: "template", options: { order: "shuffled", converters: ["base64"] } }),
    ).toEqual({
      coarse: { strategy: "template", converters: ["base64"] },
    });
  });

  it("leaves other strategies, unknown strategies and bad options to the rows", () => {
    expect(stepTechniques({ strategy: "crescendo", options: {} })).toBeUndefined();
    expect(stepTechniques({ strategy: "no-such-strategy", options: {} })).toBeUndefined();
    expect(stepTechniques({ strategy: "converter-chain", options: { chains: "base64" } })).toBeUndefined();
    expect(stepTechniques(undefined)).toBeUndefined();
  });
});
