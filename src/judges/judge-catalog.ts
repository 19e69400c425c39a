import { BreakfixError, type ChatModel, createRegistry, type Registry } from "../core/index.js";
import { stringMatchRefusalJudge } from "./baselines/string-match-refusal.js";
import type { LabelSpace } from "./calibrate/label-file.js";
import { coherenceJudge } from "./coherence/coherence-judge.js";
import { exactMatchJudge } from "./exact/exact-match-judge.js";
import { createLlmGroundednessJudge, lexicalGroundednessJudge } from "./groundedness/groundedness-judge.js";
import { shippedHarmJudge } from "./harm/shipped-harm-judge.js";
import { defineJudge, type JudgeCalibration, type JudgePlugin, type JudgeRole } from "./judge-plugin.js";
import { createLlmJudge } from "./llm/llm-judge.js";
import type { RubricId } from "./llm/rubrics.js";
import { shippedRefusalJudge } from "./refusal/shipped-refusal-judge.js";
import { JUDGE_TRAINERS } from "./trainers.js";

export type JudgeRegistry = Registry<JudgePlugin>;

const XSTEST = { dataset: "xstest-completions" } as const;
const JBB = { dataset: "jbb-judge-comparison" } as const;
const COHERENCE_LABELS = { file: "src/judges/coherence/coherence-labels.jsonl" } as const;
const GROUNDEDNESS_LABELS = { file: "src/judges/groundedness/grounding/groundedness-labels.jsonl" } as const;
const HARM: readonly JudgeRole[] = ["harm", "severity"];

/** The model a `needsModel` judge was built with; the spec parser guarantees one. */
function modelOf(ctx: { model?: ChatModel }, id: string): ChatModel {
  if (!ctx.model) throw new BreakfixError("INTERNAL", `judge ${id} was built without its model`);
  return ctx.model;
}

/** An LLM judge over one of the versioned rubrics: `llm:<rubric>:<provider:model>`. */
function llmRubricJudge(
  rubric: RubricId,
  o: {
    description: string;
    labelSpace: LabelSpace;
    roles: readonly JudgeRole[];
    calibration: JudgeCalibration;
  },
): JudgePlugin {
  const id = `llm:${rubric}`;
  return defineJudge({
    id,
    ...o,
    gradesSeverity: rubric === "harm-severity",
    needsModel: true,
    create: (ctx) => createLlmJudge(modelOf(ctx, id), rubric, { taxonomy: ctx.taxonomy }),
  });
}

const BUILTIN: readonly JudgePlugin[] = [
  defineJudge({
    id: "refusal:learned",
    description: "3-class refusal judge learned from XSTest human labels (no LLM, milliseconds)",
    labelSpace: "refusal",
    roles: ["refusal"],
    gradesSeverity: false,
    needsModel: false,
    calibration: { ...XSTEST, trainer: JUDGE_TRAINERS["refusal"] },
    create: shippedRefusalJudge,
  }),
  defineJudge({
    id: "harm:learned",
    description:
      "safe/unsafe jailbreak-success judge distilled from JailbreakBench's LLM-judge verdicts (no LLM)",
    labelSpace: "binary",
    roles: HARM,
    gradesSeverity: false,
    needsModel: false,
    calibration: { ...JBB, trainer: JUDGE_TRAINERS["harm"] },
    create: shippedHarmJudge,
  }),
  defineJudge({
    id: "refusal:strmatch",
    description: "reference refusal-prefix matcher (2 classes; known to fail both ways)",
    labelSpace: "refusal",
    roles: ["refusal"],
    gradesSeverity: false,
    needsModel: false,
    calibration: XSTEST,
    create: () => stringMatchRefusalJudge,
  }),
  defineJudge({
    id: "coherence:text",
    description:
      "coherent/degenerate (word salad, loops, empty) from text statistics and an English lexicon (no LLM)",
    labelSpace: "coherence",
    roles: [],
    gradesSeverity: false,
    needsModel: false,
    calibration: COHERENCE_LABELS,
    create: () => coherenceJudge,
  }),
  defineJudge({
    id: "groundedness:lexical",
    description:
      "grounded/ungrounded (0–4): each claim of the answer checked word by word against the context (no LLM)",
    labelSpace: "groundedness",
    roles: ["groundedness"],
    gradesSeverity: false,
    needsModel: false,
    calibration: GROUNDEDNESS_LABELS,
    create: () => lexicalGroundednessJudge,
  }),
  defineJudge({
    id: "exact-match",
    description: "correct/incorrect: the reply (or its last line), normalised, equals the expected answer",
    labelSpace: "exact",
    roles: ["exact"],
    gradesSeverity: false,
    needsModel: false,
    create: () => exactMatchJudge,
  }),
  defineJudge({
    id: "llm:groundedness",
    description: "LLM judge scoring groundedness in the context 0–4 (Phi-3's scale)",
    labelSpace: "groundedness",
    roles: ["groundedness"],
    gradesSeverity: false,
    needsModel: true,
    calibration: GROUNDEDNESS_LABELS,
    create: (ctx) => createLlmGroundednessJudge(modelOf(ctx, "llm:groundedness")),
  }),
  llmRubricJudge("harm-severity", {
    description: "LLM judge grading harm 0–7 on the taxonomy's rubric (defines DR-x)",
    labelSpace: "binary",
    roles: ["severity", "harm"],
    calibration: JBB,
  }),
  llmRubricJudge("behavior", {
    description: "LLM judge with HarmBench's classifier rules: did the reply exhibit the behaviour",
    labelSpace: "binary",
    roles: HARM,
    calibration: JBB,
  }),
  llmRubricJudge("jbb", {
    description: "LLM judge with JailbreakBench's prompt: safe or unsafe",
    labelSpace: "binary",
    roles: HARM,
    calibration: JBB,
  }),
  llmRubricJudge("strongreject", {
    description: "LLM judge with StrongREJECT's rubric: refusal, convincingness, specificity",
    labelSpace: "binary",
    roles: HARM,
    calibration: JBB,
  }),
  llmRubricJudge("refusal", {
    description: "LLM judge sorting replies into XSTest's three refusal classes",
    labelSpace: "refusal",
    roles: ["refusal"],
    calibration: XSTEST,
  }),
  llmRubricJudge("coherence", {
    description: "LLM judge: coherent or degenerate",
    labelSpace: "coherence",
    roles: [],
    calibration: COHERENCE_LABELS,
  }),
];

/** Every built-in judge; the spec parser looks ids up here. */
export const judgeRegistry: JudgeRegistry = createRegistry<JudgePlugin>("judge");
for (const j of BUILTIN) judgeRegistry.register(j);
