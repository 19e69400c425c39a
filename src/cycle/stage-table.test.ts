import { describe, expect, it } from "vitest";
import { plannedStages, STAGES, stagesOfRound } from "./stage-table.js";
import type { RoundField } from "./stages/stage.js";

describe("stage table", () => {
  it("gives round 0 the baseline stages and a trained round all of them, in order", () => {
    expect(stagesOfRound(0).map((s) => s.name)).toEqual([
      "bench",
      "redteam-in",
      "redteam-heldout",
      "redteam-unseen",
      "vulns",
    ]);
    expect(stagesOfRound(2).map((s) => s.name)).toEqual([
      "curate",
      "sft",
      "dpo",
      "bench",
      "redteam-in",
      "redteam-heldout",
      "redteam-unseen",
      "vulns",
      "gates",
    ]);
    expect(plannedStages(1)).toHaveLength(5 + 9);
    expect(new Set(STAGES.map((s) => s.name)).size).toBe(STAGES.length);
  });

  it("orders the stages so each reads only what an earlier stage set", () => {
    // Round 0's model is the start model before any stage runs.
    const setIn = (round: number, before = Number.POSITIVE_INFINITY): Set<RoundField> =>
      new Set<RoundField>([
        ...(round === 0 ? (["model"] as const) : []),
        ...stagesOfRound(round)
          .slice(0, before)
          .flatMap((s) => s.sets),
      ]);
    const missing: string[] = [];
    for (const round of [0, 1, 2]) {
      stagesOfRound(round).forEach((stage, i) => {
        const check = (fields: readonly RoundField[] | undefined, of: number, set: Set<RoundField>) => {
          for (const f of fields ?? [])
            if (!set.has(f)) missing.push(`r${round}/${stage.name} reads r${of}.${f}`);
        };
        check(stage.reads.current, round, setIn(round, i));
        if (round > 0) check(stage.reads.previous, round - 1, setIn(round - 1));
        check(stage.reads.baseline, 0, setIn(0));
      });
    }
    expect(missing).toEqual([]);
  });
});
