import { describe, expect, it } from "vitest";
import { BreakfixError } from "../core/index.js";
import { sampleReport } from "./fixtures/sample-report.js";
import { parseCycleReportJson } from "./report-schema.js";

function failure(text: string): BreakfixError {
  try {
    parseCycleReportJson(text, "out/report.json");
  } catch (err) {
    if (err instanceof BreakfixError) return err;
    throw err;
  }
  throw new Error("expected a BreakfixError");
}

describe("parseCycleReportJson", () => {
  it("reads back exactly what was written, with missing values (null) as NaN", () => {
    const data = sampleReport();
    expect(parseCycleReportJson(JSON.stringify(data), "r.json")).toEqual(data);
    const round = data.rounds[0];
    if (!round) throw new Error("fixture has rounds");
    round.metrics["asr"] = {
      value: Number.NaN,
      low: Number.NaN,
      high: Number.NaN,
      n: 0,
      errors: 3,
      unknown: 1,
    };
    const back = parseCycleReportJson(JSON.stringify(data), "r.json");
    expect(back.rounds[0]?.metrics["asr"]?.value).toBeNaN();
    expect(back.rounds[0]?.metrics["asr"]).toMatchObject({ n: 0, errors: 3, unknown: 1 });
  });

  it("names the line and column of a JSON syntax error", () => {
    const e = failure('{\n  "schema": "breakfix.cycle-report@1",\n  "cycleId": "c1"\n  "seed": 1\n}');
    expect(e.code).toBe("DATA_INVALID");
    expect(e.exitCode).toBe(2);
    expect(e.toLine()).toMatch(
      /^out\/report\.json:4:3: not valid JSON \(Expected ',' or '}' after property value\)\. Fix: /,
    );
    const noPosition = failure('{"secret-looking": tru }');
    expect(noPosition.toLine()).toMatch(
      /^out\/report\.json: not valid JSON \(Unexpected token [^,]*\)\. Fix: /,
    );
    expect(noPosition.toLine()).not.toContain("secret-looking");
  });

  it("says when the file is not a cycle report at all", () => {
    const e = failure(JSON.stringify({ hello: "world" }));
    expect(e.toLine()).toMatch(
      /^out\/report\.json: schema: not a breakfix cycle report\. Fix: .*breakfix\.cycle-report@1/,
    );
  });

  it("names the field path of a wrong value, on one line with a fix", () => {
    const data = JSON.parse(JSON.stringify(sampleReport())) as Record<string, unknown> & {
      rounds: Array<{ metrics: Record<string, { value: unknown }> }>;
    };
    const asr = data.rounds[1]?.metrics["asr"];
    if (asr) asr.value = "high";
    const e = failure(JSON.stringify(data));
    expect(e.location).toEqual({ file: "out/report.json", field: "rounds[1].metrics.asr.value" });
    expect(e.toLine().split("\n")).toHaveLength(1);
    expect(e.toLine()).toContain("Fix: re-create it with `breakfix cycle report <cycleId>`");
  });

  it("rejects an unknown vulnerability status and a missing section", () => {
    const data = JSON.parse(JSON.stringify(sampleReport()));
    data.vulnerabilities[0].latestStatus = "gone";
    expect(failure(JSON.stringify(data)).location?.field).toBe("vulnerabilities[0].latestStatus");
    const missing = JSON.parse(JSON.stringify(sampleReport()));
    delete missing.transcripts;
    expect(failure(JSON.stringify(missing)).location?.field).toBe("transcripts");
  });
});
