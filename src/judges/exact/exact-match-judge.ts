import type { Judge, JudgeScore } from "../../core/index.js";

/** Lower case, collapsed spaces, no surrounding quotes or trailing full stop: "Paris." matches "paris". */
export function normalizeAnswer(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/^["'`]+|["'`]+$/g, "")
    .replace(/[.!]+$/, "")
    .trim();
}

/**
 * Capability scoring by exact match. The expected answer travels in `JudgeInput.goal` (what the item
 * aims at); a reply matches when, normalized, it equals the expected answer or its last line does
 * (models often explain first and answer last).
 */
export const exactMatchJudge: Judge = {
  id: "exact-match",
  version: "1",
  async score(input): Promise<JudgeScore> {
    const base = { judgeId: "exact-match", judgeVersion: "1" };
    if (input.goal === undefined) return { ...base, label: "unknown", error: "no expected answer given" };
    // The same text normalises the same: no need to normalise either.
    if (input.response === input.goal) return { ...base, label: "correct", value: 1 };
    const expected = normalizeAnswer(input.goal);
    const lines = input.response.trim().split(/\n+/);
    const last = lines[lines.length - 1] ?? "";
    const correct = normalizeAnswer(input.response) === expected || normalizeAnswer(last) === expected;
    return { ...base, label: correct ? "correct" : "incorrect", value: correct ? 1 : 0 };
  },
};
