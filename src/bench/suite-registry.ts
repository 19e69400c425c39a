import { createRegistry, type Registry } from "../core/index.js";
import type { Suite } from "./suite.js";
import { attackSuccessSuites } from "./suites/attack-success.js";
import { capabilitySuite } from "./suites/capability.js";
import { customSuites } from "./suites/custom.js";
import { groundednessSuite } from "./suites/groundedness.js";
import { jailbreakDrSuite } from "./suites/jailbreak-dr.js";
import { multiTurnHarmSuite } from "./suites/multi-turn-harm.js";
import { multijailSuite } from "./suites/multijail.js";
import { xstestSuite } from "./suites/xstest.js";

export type SuiteRegistry = Registry<Suite>;

/** A registry holding every built-in suite (a fresh one, so callers and tests may add their own). */
export function createSuiteRegistry(): SuiteRegistry {
  const registry = createRegistry<Suite>("suite");
  for (const s of [
    xstestSuite,
    ...attackSuccessSuites,
    jailbreakDrSuite,
    multiTurnHarmSuite,
    multijailSuite,
    groundednessSuite,
    capabilitySuite,
    ...customSuites,
  ])
    registry.register(s);
  return registry;
}

export const suiteRegistry: SuiteRegistry = createSuiteRegistry();
