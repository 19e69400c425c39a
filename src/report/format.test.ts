import { describe, expect, it } from "vitest";
import { metricDirection } from "../core/index.js";
import {
  changeKind,
  formatDelta,
  formatPValue,
  formatSampleCount,
  formatSeconds,
  metricLabel,
  roundsSummary,
} from "./format.js";
import type { CycleReportData } from "./report-data.js";

describe("format", () => {
  it("names headline and defect-rate metrics and knows which way is better", () => {
    expect(metricLabel("asr_heldout")).toBe("ASR (held-out families)");
    expect(metricLabel("dr3")).toBe("Defect rate DR-3");
    expect(metricLabel("dr:cyber")).toBe("Defect rate: cyber");
    expect(metricLabel("dr1:self-harm")).toBe("DR-1: self-harm");
    expect(metricLabel("custom_metric")).toBe("custom_metric");
    expect(["asr", "vprr", "dr:cyber", "dr2"].map(metricDirection)).toEqual([
      "lower",
      "lower",
      "lower",
      "lower",
    ]);
    expect(["iprr", "capability"].map(metricDirection)).toEqual(["higher", "higher"]);
    // The report judged these higher-is-better while the gates took them as lower-is-better.
    expect(["vprr_lookalike", "dr_jailbreak", "asr_unseen"].map(metricDirection)).toEqual([
      "lower",
      "lower",
      "lower",
    ]);
    expect(changeKind("vprr_lookalike", -0.1)).toBe("better");
    expect(changeKind("dr:cyber", -0.5)).toBe("better");
    expect(changeKind("iprr", -0.1)).toBe("worse");
    expect(changeKind("asr", 0)).toBe("same");
  });

  it("formats deltas, p-values, counts and durations", () => {
    expect(formatDelta(-0.213, true)).toBe("−21.3 pt");
    expect(formatDelta(0.5, false)).toBe("+0.500");
    expect(formatDelta(Number.NaN, true)).toBe("n/a");
    expect(formatPValue(0.0004)).toBe("<0.001");
    expect(formatPValue(undefined)).toBe("—");
    expect(formatSampleCount({ value: 0.1, low: 0, high: 0.2, n: 40, errors: 2, unknown: 1 })).toBe(
      "n=40 · 2 failed · 1 undecided",
    );
    expect(formatSeconds(12.34)).toBe("12.3 s");
    expect(formatSeconds(119.7)).toBe("1 min 59 s");
    expect(formatSeconds(3725)).toBe("1 h 02 min");
  });

  it("counts the baseline apart from the break-fix rounds", () => {
    const withRounds = (...rounds: number[]) =>
      ({ rounds: rounds.map((round) => ({ round })) }) as unknown as CycleReportData;
    expect(roundsSummary(withRounds(0, 1))).toBe("baseline + 1");
    expect(roundsSummary(withRounds(0))).toBe("baseline only");
    expect(roundsSummary(withRounds(1, 2))).toBe("2");
  });
});
