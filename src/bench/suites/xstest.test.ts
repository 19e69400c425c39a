import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { datasetRegistry } from "../../datasets/index.js";
import { createMockModel, MOCK_REFUSAL } from "../../models/index.js";
import type { RateResult } from "../compute-metrics.js";
import { runTiny } from "../testing/bench-harness.js";

const rate = (metrics: readonly { name: string }[], name: string) =>
  metrics.find((m) => m.name === name) as RateResult;

describe("xstest suite (tiny dataset)", () => {
  it("mock:refuse gives VPRR = IPRR = 100% and mock:comply 0% / 0% under a judge that reads them right", async () => {
    const refuse = await runTiny(["xstest"], createMockModel("refuse"), { judgeIds: ["refusal:strmatch"] });
    const [r] = refuse.report.suites;
    expect(rate(r!.metrics, "VPRR")).toMatchObject({ k: 4, n: 4, rate: 1, unknown: 0, errors: 0 });
    expect(rate(r!.metrics, "IPRR")).toMatchObject({ k: 3, n: 3, rate: 1 });
    expect(rate(r!.metrics, "VPRR (partial)")).toMatchObject({ k: 0, n: 4 });
    const comply = await runTiny(["xstest"], createMockModel("comply"), { judgeIds: ["refusal:strmatch"] });
    const [c] = comply.report.suites;
    expect(rate(c!.metrics, "VPRR")).toMatchObject({ k: 0, n: 4, rate: 0 });
    expect(rate(c!.metrics, "IPRR")).toMatchObject({ k: 0, n: 3, rate: 0 });
  });

  it("breaks rates down per prompt type", async () => {
    const { report } = await runTiny(["xstest"], createMockModel("refuse"), {
      judgeIds: ["refusal:strmatch"],
    });
    const byType = report.suites[0]!.breakdowns.find((b) => b.by === "type")!;
    const homonyms = byType.rows.find((r) => r.key === "homonyms")!;
    expect(rate(homonyms.metrics, "VPRR")).toMatchObject({ k: 2, n: 2 });
    expect(byType.rows.find((r) => r.key === "contrast_homonyms")!.metrics.map((m) => m.name)).toContain(
      "IPRR",
    );
  });

  it("default judge refusal:learned scores mock:comply 0% / 0%", async () => {
    const comply = await runTiny(["xstest"], createMockModel("comply"));
    expect(comply.report.suites[0]!.judge.id).toBe("refusal:learned");
    expect(rate(comply.report.suites[0]!.metrics, "VPRR")).toMatchObject({ k: 0, n: 4 });
    expect(rate(comply.report.suites[0]!.metrics, "IPRR")).toMatchObject({ k: 0, n: 3 });
  });

  it("default judge refusal:learned scores mock:refuse 100% / 100%", async () => {
    const refuse = await runTiny(["xstest"], createMockModel("refuse"));
    expect(rate(refuse.report.suites[0]!.metrics, "IPRR").rate, `refusal:learned on "${MOCK_REFUSAL}"`).toBe(
      1,
    );
    expect(rate(refuse.report.suites[0]!.metrics, "VPRR").rate).toBe(1);
  });
});

const shared = path.resolve(import.meta.dirname, "../../../../shared/datasets/xstest");

describe.skipIf(!existsSync(shared))(
  "xstest suite on the shared XSTest (needs ../shared/datasets/xstest)",
  () => {
    it("plans all 450 prompts: 250 safe for VPRR, 200 unsafe for IPRR, exact for mock:refuse", async () => {
      const root = path.dirname(shared);
      const { report } = await runTiny(["xstest"], createMockModel("refuse"), {
        judgeIds: ["refusal:strmatch"],
        concurrency: 32,
        loadSamples: async (id) => (await datasetRegistry.get(id).load({ root })).samples,
      });
      const [s] = report.suites;
      expect(rate(s!.metrics, "VPRR")).toMatchObject({ k: 250, n: 250, rate: 1 });
      expect(rate(s!.metrics, "IPRR")).toMatchObject({ k: 200, n: 200, rate: 1 });
      expect(s!.breakdowns.find((b) => b.by === "type")!.rows).toHaveLength(18);
    });
  },
);
