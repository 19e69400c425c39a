import {
  builtinTemplateRegistry,
  type Objective,
  readUserTemplates,
  withUserTemplates,
} from "../../attacks/index.js";
import type { ModelRef } from "../../models/index.js";
import { definePersona, type Persona, personaRegistry, runCampaign } from "../../redteam/index.js";
import type { CycleConfig, PersonaRef } from "../cycle-config.js";
import type { CycleEnv } from "../cycle-env.js";
import { modelOf } from "../cycle-record.js";
import type { RoundState } from "../cycle-state.js";
import { interrupted, partialNote } from "./bench-stage.js";
import { defineStage } from "./stage.js";

/** A persona from the config: a registered id, or steps written inline. */
export function personaOf(ref: PersonaRef): Persona {
  return typeof ref === "string" ? personaRegistry.get(ref) : definePersona(ref);
}

/**
 * One red-team campaign against a round's model under a derived run id: the campaign resumes on its own
 * (finished objectives and steps are kept), so a resumed cycle stage neither loses nor repeats attacks.
 */
export async function runRedteamStage(
  env: CycleEnv,
  input: {
    runId: string;
    model: ModelRef;
    config: CycleConfig;
    family: "inDistribution" | "heldOut";
    objectives: readonly Objective[];
  },
): Promise<string> {
  const rt = input.config.redteam;
  const persona = personaOf(rt[input.family]);
  const target = await env.resolveModel(input.model);
  const attacker = rt.attacker ? await env.resolveModel(rt.attacker) : undefined;
  const result = await runCampaign({
    store: env.store,
    runId: input.runId,
    persona,
    objectives: input.objectives,
    objectiveQuery: {
      sources: rt.objectives,
      areas: rt.areas,
      limit: rt.limit ?? null,
      family: input.family,
      heldOutShare: rt.heldOutShare,
      ...(rt.templates ? { templates: rt.templates } : {}),
    },
    target,
    judge: env.createJudge(rt.judge),
    judgeId: rt.judge.id,
    attacker,
    ...(rt.templates
      ? { templates: withUserTemplates(readUserTemplates(rt.templates), builtinTemplateRegistry()) }
      : {}),
    seed: input.config.seed,
    concurrency: rt.concurrency,
    targetOptions: { temperature: 0, maxTokens: rt.maxTokens },
    progress: env.progress,
    signal: env.signal,
  });
  if (result.status !== "done") throw interrupted(input.runId);
  // Accepted like a partial bench stage (see there), and said.
  const errored = env.store.attacks.list(result.runId, { outcome: "error" }).length;
  if (errored > 0) env.progress.note(partialNote("redteam", result.runId, `${errored} attempts`));
  return result.runId;
}

type Split = "inDistribution" | "heldOut";

/**
 * A campaign stage: the `family`'s persona against one side of the objective split, its run id stored as
 * `campaignRuns[as]`.
 */
function campaignStage<N extends string>(
  name: N,
  o: { family: Split; objectives: Split; as: keyof RoundState["campaignRuns"] },
) {
  return defineStage({
    name,
    rounds: "every",
    reads: { current: ["model"] },
    sets: ["campaignRuns"],
    run: async ({ env, prepared: p, current, runId }) => {
      const run = await runRedteamStage(env, {
        runId,
        model: modelOf(current),
        config: p.config,
        family: o.family,
        objectives: p.objectives[o.objectives],
      });
      return { patch: { campaignRuns: { [o.as]: run } } };
    },
  });
}

export const redteamInStage = campaignStage("redteam-in", {
  family: "inDistribution",
  objectives: "inDistribution",
  as: "inDistribution",
});
export const redteamHeldoutStage = campaignStage("redteam-heldout", {
  family: "heldOut",
  objectives: "heldOut",
  as: "heldOut",
});
/** The fix's families on unseen requests. Measures only: its breaks never reach vulnerabilities or fix data. */
export const redteamUnseenStage = campaignStage("redteam-unseen", {
  family: "inDistribution",
  objectives: "heldOut",
  as: "unseenRequests",
});
