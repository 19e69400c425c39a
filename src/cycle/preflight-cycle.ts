import { readUserTemplates } from "../attacks/index.js";
import { BreakfixError, createRng, isBreakfixError } from "../core/index.js";
import { parseJudgeSpec } from "../judges/index.js";
import type { ModelRef } from "../models/index.js";
import type { CycleConfig } from "./cycle-config.js";
import type { CycleEnv } from "./cycle-env.js";
import { cycleSuiteRegistry } from "./cycle-suites/cycle-suites.js";
import { helpfulnessData } from "./sources/builtin-helpfulness.js";
import { splitObjectives } from "./sources/cycle-objectives.js";

export interface PreflightOptions {
  /** Ask each model that is not a local file one one-token question (default on; `--no-probe` skips). */
  probe: boolean;
}

/**
 * Checks everything a cycle will need before its first stage, so a typo or an unreachable model is one
 * line (exit 2) and no `failed` cycle is left behind: every model resolves (engine: and gguf: files exist
 * and parse) and, with `probe`, answers one request; every judge exists; the objective datasets and each
 * bench suite's data load. Failures are CONFIG_INVALID (or the resolver's own NOT_FOUND / DATA_INVALID)
 * naming the config field.
 */
export async function preflightCycle(
  env: CycleEnv,
  config: CycleConfig,
  options: PreflightOptions,
): Promise<void> {
  const check = async <T>(field: string, what: string, fn: () => Promise<T> | T): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (isBreakfixError(err) && err.exitCode === 2)
        throw new BreakfixError(err.code, `${field}: ${err.message}`, {
          location: err.location ?? {},
          ...(err.fix ? { fix: err.fix } : {}),
          cause: err,
        });
      throw new BreakfixError("CONFIG_INVALID", `${field}: ${what}: ${(err as Error).message}`, {
        fix: "fix the cycle config, or the provider it names, before starting the cycle",
        cause: err,
      });
    }
  };
  const models: [string, ModelRef][] = [["model", config.model]];
  if (config.redteam.attacker) models.push(["redteam.attacker", config.redteam.attacker]);
  if (config.fixData.teacher) models.push(["fixData.teacher", config.fixData.teacher]);
  for (const [field, ref] of models) {
    const id = ref.written;
    const model = await check(field, `cannot resolve ${id}`, () => env.resolveModel(ref));
    // Models run in this process from local files: resolving one checked its file, so no probe is needed.
    if (!options.probe || ref.kind === "engine" || ref.kind === "gguf") continue;
    const reply = await model.generate([{ role: "user", content: "Reply with OK." }], {
      maxTokens: 1,
      temperature: 0,
      ...(env.signal ? { signal: env.signal } : {}),
    });
    if (!reply.ok) {
      throw new BreakfixError(
        "CONFIG_INVALID",
        `${field}: ${id} did not answer the pre-flight probe (${reply.error.kind}: ${reply.error.message})`,
        {
          fix: "check the provider's baseUrl, key and model name; or pass --no-probe to start without asking it",
        },
      );
    }
  }
  const helpfulness = config.fixData.helpfulness;
  // Mock models (test doubles) are never trained, so only a real model is refused the toy corpus.
  if (helpfulness === "builtin" && config.model.kind !== "engine" && config.model.kind !== "mock") {
    throw new BreakfixError(
      "CONFIG_INVALID",
      `fixData.helpfulness: builtin is the built-in model's toy corpus; fine-tuning ${config.model} on it would teach it that corpus`,
      {
        location: { field: "fixData.helpfulness" },
        fix: "give a file of general conversations (OpenAI chat, TRL or HH JSONL), or none",
      },
    );
  }
  if (helpfulness !== "builtin" && helpfulness !== "none") {
    await check("fixData.helpfulness", `cannot read ${helpfulness}`, () =>
      helpfulnessData(helpfulness, config.seed, 1, env.cwd),
    );
  }
  await check("redteam.judge", "cannot build the judge", () => env.createJudge(config.redteam.judge));
  await check("fixData", "cannot build the refusal judge", () =>
    env.createJudge(parseJudgeSpec("refusal:learned")),
  );
  const registry = cycleSuiteRegistry(config);
  for (const [suite, judge] of Object.entries(config.bench.judges)) {
    if (!config.bench.suites.includes(suite)) {
      throw new BreakfixError(
        "CONFIG_INVALID",
        `bench.judges.${suite}: the cycle does not run suite "${suite}"`,
        {
          fix: `name one of bench.suites (${config.bench.suites.join(", ")}), or add the suite to bench.suites`,
        },
      );
    }
    await check(`bench.judges.${suite}`, `cannot build judge ${judge.id}`, () => env.createJudge(judge));
  }
  const rt = config.redteam;
  const templates = rt.templates;
  if (templates)
    await check("redteam.templates", "cannot read the templates", () => readUserTemplates(templates));
  await check("redteam.objectives", "cannot load the objectives", () =>
    splitObjectives(
      { sources: rt.objectives, areas: rt.areas, limit: rt.limit, heldOutShare: rt.heldOutShare },
      config.seed,
      env.loadSamples,
    ),
  );
  for (const id of config.bench.suites) {
    // The built-in capability set is written into the cycle's folder later; only a configured file is read.
    if (id === "capability" && !config.bench.capabilityFile) continue;
    const { capabilityFile, customFile } = config.bench;
    const options = { ...(capabilityFile ? { capabilityFile } : {}), ...(customFile ? { customFile } : {}) };
    await check(`bench.suites: ${id}`, "cannot load the suite's data", () =>
      registry.get(id).load({ loadSamples: env.loadSamples, rng: createRng(config.seed), limit: 1, options }),
    );
  }
}
