import { type Progress, silentProgress } from "../../core/index.js";
import { jbbArtifactsDataset, type LoadOptions, xstestCompletionsDataset } from "../../datasets/index.js";
import { type AgreementReport, agreementReport, percentCell, pooledReport } from "../calibrate/agreement.js";
import { goalFold } from "../calibrate/goal-fold.js";
import type { JudgeSetting, SettingChoice } from "../calibrate/select-setting.js";
import type { LogisticModel } from "../learn/sparse-logistic.js";
import { harmFeatures } from "./features.js";
import { loadHardCases } from "./hard-cases.js";
import {
  HARM_DEFAULT,
  harmSettingText,
  isUnsafe,
  selectHarmSetting,
  trainHarmWithSetting,
} from "./harm-settings.js";
import type { HarmExample } from "./learned-harm-judge.js";
import { syntheticHarmExamples } from "./synthetic-harm.js";

const SYNTHETIC_GROUP = "synthetic";
const HARD_GROUP = "hard-cases";

/**
 * A training row with the group it is held out by, and the verdicts (unsafe or not) of the reference judges
 * the data ships for it: Llama Guard 1 on JBB rows where JBB kept one, XSTest's GPT-4 and string-match labels
 * (complied = unsafe) on XSTest rows.
 */
export interface HarmRow extends HarmExample {
  group: string;
  references?: Readonly<Record<string, boolean>>;
}

/** The reference judge JBB ships verdicts of (harm rows' `references` key). */
export const LLAMA_GUARD_1 = "Llama Guard 1";

const complied = (label: { label: string } | undefined): boolean | undefined =>
  label === undefined ? undefined : label.label === "full_compliance";
const defined = (refs: Record<string, boolean | undefined>): Record<string, boolean> =>
  Object.fromEntries(Object.entries(refs).filter((e): e is [string, boolean] => e[1] !== undefined));

/**
 * Training data for the harm judge: JailbreakBench attack artifacts labelled by JBB's LLM judge (`jailbroken`),
 * plus XSTest completions on the unsafe (contrast) prompts labelled by humans (full compliance = unsafe, full
 * refusal = safe; partial refusals are ambiguous for harm and left out), plus the project's synthetic safe
 * examples (affirmative openings without detail, terse refusals) that only ever train. `withHardCases` adds
 * the training half of the project's hard cases (hard-cases.ts), which only train too; the shipped judge is
 * trained without them (see there why).
 */
export async function loadHarmRows(options: LoadOptions = {}, withHardCases = false): Promise<HarmRow[]> {
  const jbb = (await jbbArtifactsDataset.load(options)).records;
  const xs = (await xstestCompletionsDataset.load(options)).records;
  return [
    ...jbb
      .filter((r) => r.response !== null)
      .map((r) => ({
        group: `jbb:${r.method}`,
        goal: r.goal,
        response: r.response as string,
        unsafe: r.jailbroken,
        references: defined({ [LLAMA_GUARD_1]: r.jailbrokenLlamaGuard1 }),
      })),
    ...xs
      .filter((r) => r.type.startsWith("contrast_") && r.finalLabel !== "partial_refusal")
      .map((r) => ({
        group: "xstest-unsafe",
        goal: r.prompt,
        response: r.completion,
        unsafe: r.finalLabel === "full_compliance",
        references: defined({ "GPT-4": complied(r.gpt4Label), "string match": complied(r.strmatchLabel) }),
      })),
    ...syntheticHarmExamples().map((r) => ({ ...r, group: SYNTHETIC_GROUP })),
    ...(withHardCases ? await loadHardCases("train", options) : []).map((c) => ({
      goal: c.goal,
      response: c.response,
      unsafe: c.unsafe,
      group: HARD_GROUP,
    })),
  ];
}

export interface HarmCrossval {
  group: string;
  ours: AgreementReport;
  /** Each reference judge's agreement with the same labels, on the group's rows that carry its verdict. */
  references: { judge: string; report: AgreementReport }[];
  /** The setting each goal fold's model used (chosen inside its training side when nested). */
  settings: JudgeSetting[];
}

export interface HarmCrossvalOptions {
  /** Only these groups (default: every group but the project-authored rows, which only train). */
  only?: readonly string[];
  /**
   * Choose the setting inside each training side by goal-fold validation (nested), as `judge train harm`
   * chooses the shipped one on all the data; false: the shipped defaults on every fold (faster).
   */
  nested?: boolean;
  /** One step per held-out split (group × goal fold). */
  progress?: Progress;
}

/** Goal folds: every goal's rows sit in one fold, in every group. */
export const HARM_GOAL_FOLDS = 3;
/** The groups that are attack methods (pooled in the summary); XSTest's rows are reported apart. */
export const isAttackGroup = (group: string): boolean => group.startsWith("jbb:");

/** Rows that only ever train. */
const trainOnlyGroup = (group: string): boolean => group === SYNTHETIC_GROUP || group === HARD_GROUP;
const trainOnly = (r: HarmRow): boolean => trainOnlyGroup(r.group);
const goalKey = (goal: string): string => `goal:${goal.trim().toLowerCase().replace(/\s+/g, " ")}`;
/** The goal fold a harm row's goal falls in (the same in every group). */
export const harmGoalFold = (goal: string): number => goalFold(goalKey(goal), HARM_GOAL_FOLDS);
const label = (b: boolean): string => (b ? "unsafe" : "safe");
const binaryReport = (pairs: { truth: boolean; predicted: boolean }[]): AgreementReport =>
  agreementReport(
    pairs.map((p) => ({ truth: label(p.truth), predicted: label(p.predicted) })),
    ["safe", "unsafe"],
    ["unsafe"],
  );

/**
 * Held-out agreement with the labels, per group (each JBB attack method, and XSTest's unsafe-prompt rows).
 * For group G and goal fold f the model trains on the other groups' rows whose goals are not in fold f (the
 * project's synthetic rows always train) and predicts G's rows in fold f: neither the attack method nor the
 * goal of a test row was seen in training (JBB's methods attack the same 100 goals, so holding out the
 * method alone would test on goals the model trained on). Nested, the L2 and threshold are chosen inside the
 * training side (selectHarmSetting), so nothing about a test row's fold picks them.
 */
export function harmCrossval(rows: readonly HarmRow[], options: HarmCrossvalOptions = {}): HarmCrossval[] {
  const { only, nested = false, progress = silentProgress } = options;
  // Project-authored rows only ever train; agreement is measured on the public labelled data.
  const groups = [...new Set(rows.map((r) => r.group))]
    .filter((g) => !trainOnlyGroup(g) && (!only || only.includes(g)))
    .sort();
  const featurised = rows.map((r) => ({ ...r, x: harmFeatures(r.goal, r.response) }));
  progress.start(`harm crossval${nested ? " (nested)" : ""}`, groups.length * HARM_GOAL_FOLDS);
  const results = groups.map((group) => {
    const pairs: { truth: boolean; predicted: boolean; references?: Readonly<Record<string, boolean>> }[] =
      [];
    const settings: JudgeSetting[] = [];
    for (let fold = 0; fold < HARM_GOAL_FOLDS; fold++) {
      const { train, test } = heldOutSplit(featurised, group, fold);
      const setting = nested ? selectHarmSetting(train, harmGoalFold, trainOnly).setting : HARM_DEFAULT;
      settings.push(setting);
      const model = trainHarmWithSetting(train, setting);
      for (const r of test)
        pairs.push({ truth: r.unsafe, predicted: isUnsafe(model, r.x), references: r.references });
      progress.advance();
    }
    const judges = [...new Set(pairs.flatMap((p) => Object.keys(p.references ?? {})))].sort();
    return {
      group,
      settings,
      ours: binaryReport(pairs),
      references: judges.map((judge) => ({
        judge,
        report: binaryReport(
          pairs.flatMap((p) => {
            const verdict = p.references?.[judge];
            return verdict === undefined ? [] : [{ truth: p.truth, predicted: verdict }];
          }),
        ),
      })),
    };
  });
  progress.finish();
  return results;
}

/**
 * The shipped model: the setting chosen by goal-fold validation on all the rows (the same search nested
 * crossval runs inside each training side), then trained on all of them.
 */
export function trainSelectedHarmModel(rows: readonly HarmRow[]): {
  model: LogisticModel;
  choice: SettingChoice;
} {
  const featurised = rows.map((r) => ({ ...r, x: harmFeatures(r.goal, r.response) }));
  const choice = selectHarmSetting(featurised, harmGoalFold, trainOnly);
  return { model: trainHarmWithSetting(featurised, choice.setting), choice };
}

/**
 * One split of harmCrossval: group G's rows whose goal is in `fold` are the test side; the training side is
 * every other group's rows whose goal is not in it, and the project-authored rows.
 */
export function heldOutSplit<R extends HarmRow>(rows: readonly R[], group: string, fold: number) {
  const inFold = (r: R): boolean => harmGoalFold(r.goal) === fold;
  return {
    train: rows.filter((r) => trainOnly(r) || (r.group !== group && !inFold(r))),
    test: rows.filter((r) => r.group === group && inFold(r)),
  };
}

/** "l2 0.001 t 0.5" for each goal fold's setting, the same ones once. */
const settingsText = (settings: readonly JudgeSetting[]): string =>
  [...new Set(settings.map(harmSettingText))].join("; ");

export function formatHarmCrossval(results: readonly HarmCrossval[], nested: boolean): string {
  const row = (name: string, r: AgreementReport, refs: HarmCrossval["references"]): string =>
    `${name.padEnd(28)}${String(r.n).padStart(5)} ${percentCell(r.accuracy)}  ${r.kappa.toFixed(3)} ${percentCell(r.binary?.fpr ?? 0)} ${percentCell(r.binary?.fnr ?? 0)} | ${refs.map((x) => `${x.judge} ${percentCell(x.report.accuracy).trim()}`).join(", ") || "-"}`;
  const lines = [
    "held-out group                 n    ours   kappa   FPR     FNR   | reference judges, same rows",
  ];
  for (const r of results) lines.push(row(r.group, r.ours, r.references));
  const attacks = results.filter((r) => isAttackGroup(r.group));
  if (attacks.length > 1) {
    const judges = [...new Set(attacks.flatMap((r) => r.references.map((x) => x.judge)))];
    const pooledRefs = judges.map((judge) => ({
      judge,
      report: pooledReport(
        attacks.flatMap(
          (r) => r.references.filter((x) => x.judge === judge).map((x) => x.report),
          ["unsafe"],
        ),
      ),
    }));
    lines.push(
      row(
        "attack methods pooled",
        pooledReport(
          attacks.map((r) => r.ours),
          ["unsafe"],
        ),
        pooledRefs,
      ),
    );
  }
  lines.push(
    nested
      ? `Settings chosen inside each training side (nested goal-fold validation), per group: ${results.map((r) => `${r.group} ${settingsText(r.settings)}`).join(" | ")}`
      : `Settings: the shipped defaults (${settingsText([HARM_DEFAULT])}) on every fold, not chosen per fold.`,
    `Held out: the group and the goal (${HARM_GOAL_FOLDS} goal folds; no goal in both training and test). Labels: JBB's LLM judge on jbb:*, people on XSTest (pooled apart from the attack methods). References: the verdicts the data ships, on the rows that carry one (JBB kept no Llama Guard 1 verdict for DSN; XSTest's GPT-4 and string-match labels read complied = unsafe).`,
  );
  return lines.join("\n");
}
