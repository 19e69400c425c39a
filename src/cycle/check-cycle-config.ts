import { strategyRegistry } from "../attacks/index.js";
import { BreakfixError, type ErrorLocation } from "../core/index.js";
import { personaRegistry } from "../redteam/index.js";
import type { CycleConfig } from "./cycle-config.js";
import { cycleSuiteRegistry } from "./cycle-suites/cycle-suites.js";

/**
 * Checks the names a cycle config refers to (suites, personas, strategies and their options) before any
 * stage runs, so a typo is a located CONFIG_INVALID error and not a failure an hour in.
 */
export function checkCycleConfig(
  config: CycleConfig,
  locate: (fieldPath: readonly (string | number)[]) => ErrorLocation = () => ({}),
): void {
  const fail = (fieldPath: readonly (string | number)[], message: string, fix: string): never => {
    throw new BreakfixError("CONFIG_INVALID", message, {
      location: { ...locate(fieldPath), field: fieldPath.join(".") },
      fix,
    });
  };
  const suites = cycleSuiteRegistry(config);
  config.bench.suites.forEach((id, i) => {
    if (!suites.has(id)) {
      fail(
        ["bench", "suites", i],
        `unknown suite "${id}"`,
        `use one of: ${suites
          .list()
          .map((s) => s.id)
          .join(", ")}`,
      );
    }
  });
  for (const family of ["inDistribution", "heldOut"] as const) {
    const ref = config.redteam[family];
    if (typeof ref === "string") {
      if (!personaRegistry.has(ref)) {
        fail(
          ["redteam", family],
          `unknown persona "${ref}"`,
          `use one of: ${personaRegistry
            .list()
            .map((p) => p.id)
            .join(", ")}, or write its steps inline`,
        );
      }
      continue;
    }
    ref.steps.forEach((step, i) => {
      const where = ["redteam", family, "steps", i];
      if (!strategyRegistry.has(step.strategy)) {
        fail(
          [...where, "strategy"],
          `unknown strategy "${step.strategy}"`,
          `use one of: ${strategyRegistry
            .list()
            .map((s) => s.id)
            .join(", ")}`,
        );
      }
      try {
        strategyRegistry.get(step.strategy).parseOptions(step.options);
      } catch (e) {
        if (!(e instanceof BreakfixError)) throw e;
        fail([...where, "options"], e.message, e.fix ?? "see `breakfix list strategies`");
      }
    });
  }
}
