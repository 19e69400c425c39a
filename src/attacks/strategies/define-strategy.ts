import type { z } from "zod";
import { BreakfixError, type Plugin, UNKNOWN_LABEL } from "../../core/index.js";
import { shippedRefusalJudge } from "../../judges/index.js";
import { createChain } from "../converters/chain.js";
import { builtinTemplateRegistry } from "../templates/template-catalog.js";
import { countCalls, runProbes } from "./run-probes.js";
import type { ProbeSource, StrategyContext, StrategyResult, StrategyRuntime } from "./strategy-types.js";

export interface StrategySpec<O> extends Plugin {
  /** True for strategies driven by an attacker LLM (PAIR, TAP, Crescendo); they refuse to run without one. */
  needsAttacker: boolean;
  /** Options schema: validated before the run, so a persona/campaign file with a typo fails up front. */
  options: z.ZodType<O>;
  probes(runtime: StrategyRuntime, options: O): ProbeSource;
}

export interface Strategy extends Plugin {
  readonly needsAttacker: boolean;
  /** The options this strategy takes (for listings and docs). */
  readonly optionsSchema: z.ZodType;
  /** Checks options (CONFIG_INVALID on a bad one) and returns them parsed, with defaults filled in. */
  parseOptions(options: unknown): unknown;
  run(ctx: StrategyContext, options?: unknown): Promise<StrategyResult>;
}

/** The one way to define an attack strategy: options schema + probe generator; the runner does the rest. */
export function defineStrategy<O>(spec: StrategySpec<O>): Strategy {
  const parseOptions = (options: unknown): O => {
    const parsed = spec.options.safeParse(options ?? {});
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") ?? "";
    throw new BreakfixError(
      "CONFIG_INVALID",
      `strategy ${spec.id}: bad options: ${issue?.message ?? "invalid"}`,
      {
        location: { field: field === "" ? spec.id : `${spec.id}.${field}` },
        fix: "see `breakfix list strategies` for the options each strategy takes",
      },
    );
  };
  return {
    id: spec.id,
    description: spec.description,
    needsAttacker: spec.needsAttacker,
    optionsSchema: spec.options,
    parseOptions,
    async run(ctx, options) {
      const parsed = parseOptions(options);
      if (!Number.isInteger(ctx.budget) || ctx.budget < 1) {
        throw new BreakfixError(
          "USAGE",
          `strategy ${spec.id}: budget must be a positive integer, got ${ctx.budget}`,
          {
            fix: "give a query budget of 1 or more",
          },
        );
      }
      if (spec.needsAttacker && !ctx.attacker) {
        throw new BreakfixError("USAGE", `strategy ${spec.id} needs an attacker model`, {
          fix: "configure an attacker model (any provider:model) for LLM-driven strategies",
        });
      }
      const attacker = ctx.attacker ? countCalls(ctx.attacker) : undefined;
      const converterModel = ctx.converterModel ?? attacker?.model;
      let judgeCalls = 0;
      let refusalJudge = ctx.refusalJudge;
      const runtime: StrategyRuntime = {
        objective: ctx.objective,
        rng: ctx.rng,
        budget: ctx.budget,
        attacker: attacker?.model,
        templates: ctx.templates ?? builtinTemplateRegistry(),
        async refused(conversation, response) {
          refusalJudge ??= shippedRefusalJudge();
          judgeCalls++;
          const score = await refusalJudge.score({ conversation, response }, ctx.signal);
          if (score.label === UNKNOWN_LABEL) {
            return {
              error: `refusal judge ${refusalJudge.id} could not decide: ${score.error ?? "no reason given"}`,
            };
          }
          return score.label === "full_refusal";
        },
        chain: (ids) => createChain(ids, { model: converterModel }),
        signal: ctx.signal,
      };
      return runProbes(ctx, spec.id, spec.probes(runtime, parsed), {
        attacker: () => attacker?.count() ?? 0,
        judge: () => judgeCalls,
      });
    },
  };
}
