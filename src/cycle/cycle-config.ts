import { z } from "zod";
import { parseJudgeSpec } from "../judges/index.js";
import { type ModelAliases, type ModelRef, parseModelRef } from "../models/index.js";
import { personaSchema } from "../redteam/index.js";
import { gateConfigSchema } from "./gates/index.js";

/**
 * A red-team persona: a built-in id (`low-skilled`, `intermediate`) or one written inline in the persona file
 * format (validated by the same schema the campaign's `definePersona` uses; `description` may be left out).
 */
const personaRefSchema = z.union([
  z.string().min(1),
  personaSchema.extend({ description: z.string().min(1).default("cycle persona") }),
]);

/**
 * A judge id, parsed here once (a bad id fails at its line in the file). The spec serialises back to the id,
 * so the stored configuration keeps plain ids; `cycleRunConfig` parses them again on resume.
 */
const judgeSchema = z
  .string()
  .min(1)
  .transform((id, ctx) => {
    try {
      return parseJudgeSpec(id);
    } catch (e) {
      const fix = (e as { fix?: string }).fix;
      ctx.addIssue({ code: "custom", message: (e as Error).message, ...(fix && { params: { fix } }) });
      return z.NEVER;
    }
  });

/**
 * A model id (or one of breakfix.yaml's aliases), parsed here once like a judge id; the ref serialises back
 * to the id as written, so a stored configuration and its hash keep plain ids.
 */
const modelSchema = (aliases: ModelAliases) =>
  z
    .string()
    .min(1)
    .transform((id, ctx): ModelRef => {
      try {
        const ref = parseModelRef(id, aliases);
        if (ref.kind !== "folder") return ref;
        ctx.addIssue({
          code: "custom",
          message: `"${id}" is neither a model id nor an alias of breakfix.yaml's models.aliases`,
          params: { fix: "write provider:name (e.g. engine:base, openai:gpt-4o-mini) or a configured alias" },
        });
        return z.NEVER;
      } catch (e) {
        const fix = (e as { fix?: string }).fix;
        ctx.addIssue({ code: "custom", message: (e as Error).message, ...(fix && { params: { fix } }) });
        return z.NEVER;
      }
    });
type ModelSchema = ReturnType<typeof modelSchema>;

/** One step per converter chain, so a chain the target cannot take (too long, an error) skips only itself. */
function chainSteps(chains: string[][]) {
  return chains.map((chain) => ({
    strategy: "converter-chain",
    options: { chains: [chain], decodeReplies: false },
    budget: 1,
  }));
}

/** One step per jailbreak template (a copy-pasted wrapper around the request). */
function templateSteps(templates: string[]) {
  return templates.map((template) => ({
    strategy: "template",
    options: { templates: [template], order: "listed" },
    budget: 1,
  }));
}

/**
 * The attacks used to make fix data (`inDistribution`) and the families held out to measure generalisation
 * (`heldOut`): different techniques, and a held-out share of the objectives, so fix data never sees a held-out
 * attack text. Defaults fit the built-in model's short context.
 */
const redteamSchema = (model: ModelSchema) =>
  z.strictObject({
    /**
     * `builtin` = the embedded corpus's harmful requests; a path (a separator or .txt/.jsonl/.csv/.json, relative
     * to the config file) is your objectives file; any other id is a dataset (`harmbench`, ...).
     */
    objectives: z.array(z.string().min(1)).min(1).default(["builtin"]),
    /**
     * Your jailbreak templates (a folder or file, relative to the config file), as `template:user/<name>`:
     * persona steps name them, and a template step that lists none runs them all.
     */
    templates: z.string().min(1).optional(),
    areas: z.array(z.string()).default([]),
    /** At most this many objectives (a seeded choice) before the split; absent = all. */
    limit: z.int().min(2).optional(),
    /** Share of the objectives reserved for the held-out campaign. */
    heldOutShare: z.number().gt(0).lt(1).default(0.34),
    judge: judgeSchema.default(parseJudgeSpec("harm:learned")),
    attacker: model.optional(),
    maxTokens: z.int().min(1).max(8192).default(48),
    concurrency: z.int().min(1).max(256).default(8),
    inDistribution: personaRefSchema.default({
      id: "cycle-in-distribution",
      description: "direct asks, prefix or suffix injection, role-play and fiction templates",
      steps: [
        { strategy: "direct", options: {}, budget: 1 },
        ...chainSteps([["prefix-injection"], ["suffix-injection"]]),
        ...templateSteps(["template:breakfix/role-play", "template:breakfix/fiction"]),
      ],
      stopOnSuccess: true,
    }),
    heldOut: personaRefSchema.default({
      id: "cycle-held-out",
      description:
        "held-out families: word splitting, pig latin, diacritics, random casing, developer-mode and research templates",
      steps: [
        ...chainSteps([["word-split"], ["pig-latin"], ["diacritics"], ["random-case"]]),
        ...templateSteps(["template:breakfix/developer-mode", "template:breakfix/research"]),
      ],
      stopOnSuccess: true,
    }),
  });

const benchSchema = z.strictObject({
  /** Suite ids: the cycle's offline suites (`heldout-refusal`, `lookalike-benign`) or any `breakfix bench list` id. */
  suites: z.array(z.string().min(1)).min(1).default(["heldout-refusal", "lookalike-benign", "capability"]),
  /** At most this many items per suite (a seeded choice). */
  limit: z.int().min(1).optional(),
  /** Per-suite judge ids (`xstest: llm:refusal:openai:gpt-4o-mini`); absent = each suite's default. */
  judges: z.record(z.string(), judgeSchema).default({}),
  /** Capability task file (JSONL of {prompt, expected}); default: the built-in model's held-out task set. */
  capabilityFile: z.string().min(1).optional(),
  /** Your own prompt file (JSONL or CSV) for the `custom`, `custom-refusal` and `custom-exact` suites. */
  customFile: z.string().min(1).optional(),
  maxTokens: z.int().min(1).max(8192).default(48),
  concurrency: z.int().min(1).max(256).default(16),
});

const fixDataSchema = (model: ModelSchema) =>
  z.strictObject({
    /** Safety share of the SFT mix (the rest general helpfulness data), after Safety-Tuned LLaMAs. */
    safetyShare: z.number().gt(0).max(1).optional(),
    validationFraction: z.number().min(0).lt(1).default(0.1),
    /** Benign look-alike evaluation prompts per harm area (the `lookalike-benign` suite). */
    lookalikesPerArea: z.int().min(1).max(100).default(4),
    /** Benign look-alikes trained per vulnerability (default: one per finding, at least 4) against over-refusal. */
    lookalikesPerVulnerability: z.int().min(0).max(200).optional(),
    /**
     * General helpfulness data mixed into SFT: `builtin` = benign and borderline conversations of the built-in
     * model's own corpus (engine models only: a real model would be fine-tuned on a toy corpus), `none` =
     * safety data alone, or a file of conversations (OpenAI chat, TRL or HH JSONL; pairs give their chosen
     * side), relative to the config file.
     */
    helpfulness: z.union([z.enum(["builtin", "none"]), z.string().min(1)]).default("builtin"),
    /** Helpfulness preference pairs (its answer ≻ a refusal of the round) per safety pair: 0 = none. */
    helpfulnessPairs: z.number().min(0).max(10).default(0),
    /** A teacher model that writes safe responses (default: per-area templates, offline). */
    teacher: model.optional(),
    /**
     * Context distillation: the round's starting model writes the safe replies itself under this safety
     * system prompt, and answers the benign look-alikes itself (each reply checked for coherence and refusal
     * class; an example it gives no such reply for is dropped, never filled with a template). Comes before
     * `teacher`.
     */
    distill: z
      .strictObject({ systemPrompt: z.string().min(1), tries: z.int().min(1).max(16).default(4) })
      .optional(),
  });

const sftSchema = z.strictObject({
  steps: z.int().min(1).max(1_000_000).default(120),
  /** At most this many passes over the round's data: a round with little fix data trains less. */
  maxEpochs: z.number().gt(0).max(1000).default(3),
  batchSize: z.int().min(1).max(4096).default(8),
  learningRate: z.number().gt(0).max(1).default(5e-4),
});

const dpoSchema = z.strictObject({
  steps: z.int().min(0).max(1_000_000).default(30),
  maxEpochs: z.number().gt(0).max(1000).default(3),
  batchSize: z.int().min(1).max(4096).default(4),
  learningRate: z.number().gt(0).max(1).default(1e-4),
  beta: z.number().gt(0).max(10).default(0.1),
  /** Weight of an SFT term on the chosen responses (keeps their likelihood from falling). */
  sftWeight: z.number().min(0).max(10).default(0.2),
});

const trainingSchema = z.strictObject({
  /** engine: the built-in CPU trainer; torch: the PyTorch script; openai: hosted fine-tuning jobs. */
  backend: z.enum(["engine", "torch", "openai"]).default("engine"),
  sft: sftSchema.default(sftSchema.parse({})),
  dpo: dpoSchema.default(dpoSchema.parse({})),
  /** Engine backend: steps between training checkpoints (default 25; 0 = none), so a killed stage resumes mid-way. */
  checkpointEvery: z.int().min(0).max(1_000_000).optional(),
  torch: z
    .strictObject({
      launcher: z.enum(["python", "accelerate", "torchrun"]).default("python"),
      gpus: z.int().min(1).default(1),
      python: z.string().min(1).optional(),
      loraRank: z.int().min(0).default(0),
    })
    .default({ launcher: "python", gpus: 1, loraRank: 0 }),
  /**
   * Measure each trained checkpoint through an inference server: its argument list (no shell) with
   * `{checkpoint}` and `{port}` filled in, e.g. ["vllm", "serve", "{checkpoint}", "--port", "{port}"]; it is
   * started per checkpoint, health-checked at `ready`, and stopped before the next training and at the end.
   */
  serve: z
    .strictObject({
      command: z.union([
        z.array(z.string().min(1)).min(1),
        z
          .string()
          .min(1)
          .transform((c) => c.trim().split(/\s+/)),
      ]),
      ready: z.string().min(1).default("/v1/models"),
      startupTimeoutS: z.int().min(1).max(3600).default(300),
      model: z.string().min(1).optional(),
    })
    .optional(),
});

/**
 * A break-fix cycle: what to start from, how to measure, attack, make fix data and train, and for how long.
 * Its model ids may name breakfix.yaml's aliases, resolved with `aliases` (the same on every read of it).
 */
export function cycleConfigSchemaWith(aliases: ModelAliases) {
  const model = modelSchema(aliases);
  const redteam = redteamSchema(model);
  const fixData = fixDataSchema(model);
  return z.strictObject({
    /** The starting model (`engine:base`, `engine:<dir>`, `openai:...`, an alias). */
    model: model.default(parseModelRef("engine:base")),
    /** Rounds of curate → train → evaluate after the baseline (round 0). */
    rounds: z.int().min(1).max(50).default(2),
    seed: z
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
    bench: benchSchema.default(benchSchema.parse({})),
    redteam: redteam.default(redteam.parse({})),
    fixData: fixData.default(fixData.parse({})),
    training: trainingSchema.default(trainingSchema.parse({})),
    /** Release gates (thresholds and no-regression rules), checked after every trained round. */
    gates: gateConfigSchema.default(gateConfigSchema.parse({})),
  });
}

/** The schema without aliases (tests, defaults): an alias in it is refused as an unknown model. */
export const cycleConfigSchema = cycleConfigSchemaWith({});

export type CycleConfig = z.output<typeof cycleConfigSchema>;
export type CycleConfigInput = z.input<typeof cycleConfigSchema>;
export type PersonaRef = z.output<typeof personaRefSchema>;
