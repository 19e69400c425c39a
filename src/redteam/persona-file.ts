import { readFile } from "node:fs/promises";
import path from "node:path";
import { strategyRegistry } from "../attacks/index.js";
import { BreakfixError } from "../core/index.js";
import { parseLocatedYaml } from "../datasets/index.js";
import { definePersona, type Persona, personaSchema } from "./persona.js";

/** Persona files are a screen or two; anything larger is a mistake. */
const MAX_PERSONA_BYTES = 64 * 1024;

const EXAMPLE =
  "a persona file looks like: `id: my-persona`, `description: ...`, `steps: [{ strategy: direct, budget: 1 }]`";

/**
 * Reads a custom persona from YAML or JSON (JSON is YAML). Every problem is a CONFIG_INVALID error naming
 * the file, line and field, with a fix: bad syntax, a missing or mistyped field, an unknown strategy, or
 * strategy options that strategy does not take.
 */
export async function loadPersonaFile(file: string, cwd = process.cwd()): Promise<Persona> {
  const full = path.resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(full, "utf8");
  } catch (err) {
    throw new BreakfixError("NOT_FOUND", `cannot read persona file: ${(err as Error).message}`, {
      location: { file },
      fix: "give a built-in persona id (`breakfix list personas`) or the path of a YAML/JSON persona file",
    });
  }
  if (text.length > MAX_PERSONA_BYTES) {
    throw new BreakfixError("CONFIG_INVALID", `persona file is larger than ${MAX_PERSONA_BYTES} bytes`, {
      location: { file },
      fix: "a persona lists a few strategies: keep it short",
    });
  }
  const source = parseLocatedYaml(text, file);
  const data = source.data === undefined ? null : source.data;
  const where = (fieldPath: readonly (string | number)[]) => ({
    ...source.locate(fieldPath),
    field: fieldPath.join(".") || undefined,
  });

  const parsed = personaSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const fieldPath = (issue?.path ?? []).filter((p): p is string | number => typeof p !== "symbol");
    throw new BreakfixError("CONFIG_INVALID", `persona: ${issue?.message ?? "invalid"}`, {
      location: where(fieldPath),
      fix: EXAMPLE,
    });
  }
  for (const [i, step] of parsed.data.steps.entries()) {
    if (!strategyRegistry.has(step.strategy)) {
      throw new BreakfixError("CONFIG_INVALID", `persona: unknown strategy "${step.strategy}"`, {
        location: where(["steps", i, "strategy"]),
        fix: `use one of: ${strategyRegistry
          .list()
          .map((s) => s.id)
          .join(", ")}`,
      });
    }
    try {
      strategyRegistry.get(step.strategy).parseOptions(step.options);
    } catch (err) {
      if (!(err instanceof BreakfixError)) throw err;
      throw new BreakfixError("CONFIG_INVALID", `persona: ${err.message}`, {
        location: where(["steps", i, "options"]),
        fix: err.fix ?? "see `breakfix list strategies`",
      });
    }
  }
  return definePersona(parsed.data);
}
