import { BreakfixError, type ChatModel, type Judge, type Plugin } from "../core/index.js";
import type { Taxonomy } from "../taxonomy/index.js";
import type { LabelSpace } from "./calibrate/label-file.js";
import type { JudgeTrainer } from "./trainers.js";

/** What kind of verdict a bench suite needs; `--judge` replaces a suite's default judge of the same role. */
export type JudgeRole = "refusal" | "harm" | "severity" | "groundedness" | "exact";

/**
 * The human-labelled data a judge is checked against with `breakfix judge calibrate`: a dataset id
 * (`xstest-completions`) or a labels file in the repository; `trainer` for the learned judges.
 */
export type JudgeCalibration = ({ dataset: string } | { file: string }) & { trainer?: JudgeTrainer };

/** What building a judge may use: its model (judges with `needsModel`) and the harm taxonomy. */
export interface JudgeBuildContext {
  model?: ChatModel;
  taxonomy?: Taxonomy;
}

export interface JudgePlugin extends Plugin {
  /** The classes it answers in (what calibration reads the human labels as). */
  labelSpace: LabelSpace;
  /** The bench roles it can fill, the one it fills exactly first; empty for none (coherence). */
  roles: readonly JudgeRole[];
  /** True when it grades 0–7 severity (DR-x is then defined); false for safe/unsafe verdicts. */
  gradesSeverity: boolean;
  /** True for a family of judges named `<id>:<provider:model>` (the LLM judges). */
  needsModel: boolean;
  /** Absent only for a judge that is right by definition (exact match). */
  calibration?: JudgeCalibration;
  create(ctx: JudgeBuildContext): Judge;
}

/** The one way to define a judge: checks that what it declares hangs together. */
export function defineJudge(plugin: JudgePlugin): JudgePlugin {
  const bad = (why: string) => new BreakfixError("INTERNAL", `judge ${plugin.id}: ${why}`);
  if (new Set(plugin.roles).size !== plugin.roles.length) throw bad("a role is listed twice");
  if (plugin.gradesSeverity && !plugin.roles.includes("severity"))
    throw bad("grades severity without the role");
  return plugin;
}
