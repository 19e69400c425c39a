import { describe, expect, it } from "vitest";
import { formatRunReport } from "./format-report.js";
import type { RunReport } from "./run-report.js";

describe("formatRunReport", () => {
  it("quotes a provider's failure text with its control characters escaped", () => {
    const report: RunReport = {
      runId: "r1",
      status: "finished",
      model: "openai:x",
      simulator: "none",
      createdAt: "2026-12-07T00:00:00Z",
      suites: [
        {
          suite: "xstest",
          description: "over-refusal",
          judge: { id: "refusal:learned", scoreId: "refusal:learned", version: "1" },
          items: { done: 0, failed: 2, pending: 0 } as RunReport["suites"][number]["items"],
          failures: [
            {
              reason: "model call failed (\x1b[31mserver_error)",
              count: 2,
              example: "body \x1b]0;PWNED\x07",
            },
          ],
          metrics: [],
          breakdowns: [],
          outcomes: {},
        },
      ],
    };
    const text = formatRunReport(report);
    expect(text).toContain(
      "failed: 2 × model call failed (\\x1b[31mserver_error), e.g. body \\x1b]0;PWNED\\x07",
    );
    expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });
});
