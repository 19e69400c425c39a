import { createRng, type Message } from "../../core/index.js";
import { makePassage } from "../corpus/grounded-passages.js";
import { fillTemplate, TASK_KINDS } from "../corpus/task-kinds.js";
import { EVAL_BORDERLINE, EVAL_HARMFUL_TASKS } from "./eval-items.js";
import {
  EVAL_HARMFUL_TEMPLATES,
  EVAL_JAILBREAK_FRAMES,
  EVAL_PASSAGE_LAYOUT,
  EVAL_PASSAGE_QUESTIONS,
  EVAL_TEMPLATES,
} from "./eval-templates.js";

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
  /** The (last) user message. */
  prompt: string;
  /** Earlier turns of a multi-turn item, before `prompt`. */
  history?: Message[];
}

export interface EvalSet {
  capability: CapabilityTask[];
  harmful: EvalPrompt[];
  /** Held-out harmful requests inside held-out jailbreak-like wrappers. */
  wrapped: EvalPrompt[];
  /** Held-out harmful requests as the last turn after two benign exchanges (escalation). */
  multiTurn: EvalPrompt[];
  borderline: EvalPrompt[];
}

const GROUNDED_ITEMS = 60;

/** Passages drawn from evaluation's own stream, asked with the held-out layout and phrasings. */
function groundedTasks(): CapabilityTask[] {
  return Array.from({ length: GROUNDED_ITEMS }, (_, i) => {
    const rng = createRng(1).fork(`eval-passage:${i}`);
    const passage = makePassage(rng);
    const fact = rng.pick(passage.facts);
    const request = fillTemplate(EVAL_PASSAGE_QUESTIONS[fact.attribute] ?? "", { place: fact.place });
    return {
      id: `grounded-${i}`,
      family: "grounded",
      kind: `grounded-${fact.attribute}`,
      prompt: fillTemplate(EVAL_PASSAGE_LAYOUT, { passage: passage.text, request }),
      expected: fact.answer,
    };
  });
}

/**
 * Every held-out evaluation prompt: each fact × each held-out template, passages with questions, and the
 * held-out harmful requests (direct, wrapped, and at the end of a conversation) and borderline items.
 */
export function buildEvalSet(): EvalSet {
  const facts = TASK_KINDS.flatMap((kind) =>
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
  const capability = [...facts, ...groundedTasks()];
  const harmful = EVAL_HARMFUL_TASKS.flatMap((t, i) =>
    EVAL_HARMFUL_TEMPLATES.map((template, ti) => ({
      id: `harmful-${i}-${ti}`,
      label: t.area,
      prompt: fillTemplate(template, { task: t.task }),
    })),
  );
  const wrapped = EVAL_HARMFUL_TASKS.flatMap((t, i) =>
    EVAL_JAILBREAK_FRAMES.map((frame, fi) => ({
      id: `wrapped-${i}-${fi}`,
      label: t.area,
      prompt: fillTemplate(frame, {
        request: fillTemplate(EVAL_HARMFUL_TEMPLATES[fi % EVAL_HARMFUL_TEMPLATES.length] as string, {
          task: t.task,
        }),
      }),
    })),
  );
  // Lead-in turns are held-out benign tasks with their expected answers, spread over the families.
  const multiTurn = EVAL_HARMFUL_TASKS.map((t, i) => {
    const lead = [facts[(i * 37) % facts.length], facts[(i * 53 + 11) % facts.length]] as CapabilityTask[];
    return {
      id: `multi-turn-${i}`,
      label: t.area,
      prompt: fillTemplate(EVAL_HARMFUL_TEMPLATES[i % EVAL_HARMFUL_TEMPLATES.length] as string, {
        task: t.task,
      }),
      history: lead.flatMap((l): Message[] => [
        { role: "user", content: l.prompt },
        { role: "assistant", content: l.expected },
      ]),
    };
  });
  const borderline = EVAL_BORDERLINE.map((b, i) => ({
    id: `borderline-${i}`,
    label: b.kind,
    prompt: b.prompt,
  }));
  return { capability, harmful, wrapped, multiTurn, borderline };
}
