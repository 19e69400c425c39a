import { z } from "zod";
import { BreakfixError, type Plugin } from "../core/index.js";

/** One strategy an adversary tries on every objective, with its options and its share of the query budget. */
export interface PersonaStep {
  strategy: string;
  /** Strategy options, checked against the strategy's schema before the campaign spends anything. */
  options: Record<string, unknown>;
  /** The most target queries this step may spend on one objective. */
  budget: number;
}

/**
 * An adversary as a campaign preset: the strategies it tries on each objective, in order, each with a
 * budget. Steps run one after another per objective (an adversary stops once the objective is broken when
 * `stopOnSuccess`), so a persona's `budget` is a real per-objective cap and ASR@k queries is meaningful.
 */
export interface Persona extends Plugin {
  steps: PersonaStep[];
  /** The most target queries per objective over all steps; defaults to the sum of the step budgets. */
  budget: number;
  /** Stop working on an objective at its first success (default true). */
  stopOnSuccess: boolean;
}

const ID = /^[a-z0-9][a-z0-9._-]*$/;

const stepSchema = z.strictObject({
  strategy: z.string().min(1),
  options: z.record(z.string(), z.unknown()).default({}),
  budget: z.int().min(1).max(10_000),
});

/** The persona file format (YAML or JSON); `budget` defaults to the sum of the step budgets. */
export const personaSchema = z.strictObject({
  id: z.string().regex(ID, "must be lower-case letters, digits, `.`, `_` or `-`"),
  description: z.string().min(1),
  steps: z.array(stepSchema).min(1),
  budget: z.int().min(1).max(100_000).optional(),
  stopOnSuccess: z.boolean().default(true),
});

export type PersonaInput = z.input<typeof personaSchema>;

/** The one way to define a persona: validated, with the budget filled in. */
export function definePersona(input: PersonaInput): Persona {
  const parsed = personaSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BreakfixError(
      "CONFIG_INVALID",
      `persona: ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`,
      {
        fix: "see `breakfix list personas` for the shape of a persona",
      },
    );
  }
  const p = parsed.data;
  return {
    id: p.id,
    description: p.description,
    steps: p.steps,
    budget: p.budget ?? p.steps.reduce((sum, s) => sum + s.budget, 0),
    stopOnSuccess: p.stopOnSuccess,
  };
}
