import { BreakfixError } from "../../core/index.js";
import type { CycleEnv } from "../cycle-env.js";
import type { StageRecord } from "../cycle-record.js";
import type { CycleState, RoundState } from "../cycle-state.js";
import type { PreparedCycle } from "../run-stage.js";

/** A field of the round's state a stage may read or set (`round` and `timings` belong to the runner). */
export type RoundField = keyof StageRecord["patch"];

/** What a stage is given: the prepared cycle, the state so far, and its own derived sub-run id. */
export interface StageContext {
  env: CycleEnv;
  prepared: PreparedCycle;
  /** Every round so far (the gates compare rounds). */
  state: CycleState;
  round: number;
  /** This round as far as its earlier stages filled it. */
  current: RoundState;
  /** Round r−1 (absent in round 0). */
  previous?: RoundState;
  /** `<cycle>/r<round>/<stage>`: derived, so a resumed stage finds its own partial bench run or campaign. */
  runId: string;
}

/**
 * One stage of the cycle. Its resume key is the done item `r<round>/<name>` of the cycle run (`stageItemId`),
 * whose payload is its patch: a stage with an item is skipped on resume. What it reads and sets is declared
 * so the table's order can be checked (every read is set by an earlier stage) and its patch held to `sets`.
 */
export interface CycleStage<N extends string = string> {
  name: N;
  /** `every` round (round 0 measures the start model) or only `trained` rounds (r ≥ 1). */
  rounds: "every" | "trained";
  /** Fields it reads of this round, of round r−1 and of round 0. */
  reads: {
    current?: readonly RoundField[];
    previous?: readonly RoundField[];
    baseline?: readonly RoundField[];
  };
  /** Fields its patch may set. */
  sets: readonly RoundField[];
  run(ctx: StageContext): Promise<Pick<StageRecord, "patch" | "verdict">>;
}

/** Keeps the stage's literal name (the table's names become `StageName`). */
export const defineStage = <N extends string>(stage: CycleStage<N>): CycleStage<N> => stage;

/** Round r−1's state: trained rounds start from it. */
export function previousRound(ctx: StageContext): RoundState {
  if (!ctx.previous)
    throw new BreakfixError("INTERNAL", `round ${ctx.round} started before round ${ctx.round - 1} finished`);
  return ctx.previous;
}
