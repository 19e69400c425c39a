import { fillTemplate, TASK_KINDS } from "../corpus/task-kinds.js";
import { EVAL_BORDERLINE, EVAL_HARMFUL_TASKS } from "./eval-items.js";
import { EVAL_HARMFUL_TEMPLATES, EVAL_TEMPLATES } from "./eval-templates.js";

export interface CapabilityTask {
  id: string;
  family: string;
  kind: string;
  prompt: string;
  expected: string;
}

export interface EvalPrompt {
  id: string;
  /** Harm area (harmful) or XSTest kind (borderline). */
  label: string;
  prompt: string;
}

export interface EvalSet {
  capability: CapabilityTask[];
  harmful: EvalPrompt[];
  borderline: EvalPrompt[];
}

/** Every held-out evaluation prompt: each fact × each held-out template, held-out harmful and borderline items. */
export function buildEvalSet(): EvalSet {
  const capability = TASK_KINDS.flatMap((kind) =>
    (EVAL_TEMPLATES[kind.id] ?? []).flatMap((template, ti) =>
      kind.facts.map((fact, fi) => ({
        id: `${kind.id}-${ti}-${fi}`,
        family: kind.family,
        kind: kind.id,
        prompt: fillTemplate(template, fact.slots),
        expected: fact.answer,
      })),
    ),
  );
  const harmful = EVAL_HARMFUL_TASKS.flatMap((t, i) =>
    EVAL_HARMFUL_TEMPLATES.map((template, ti) => ({
      id: `harmful-${i}-${ti}`,
      label: t.area,
      prompt: fillTemplate(template, { task: t.task }),
    })),
  );
  const borderline = EVAL_BORDERLINE.map((b, i) => ({
    id: `borderline-${i}`,
    label: b.kind,
    prompt: b.prompt,
  }));
  return { capability, harmful, borderline };
}
