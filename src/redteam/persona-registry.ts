import { existsSync } from "node:fs";
import path from "node:path";
import { createRegistry, type Registry } from "../core/index.js";
import { BUILTIN_PERSONAS } from "./builtin-personas.js";
import type { Persona } from "./persona.js";
import { loadPersonaFile } from "./persona-file.js";

export function createPersonaRegistry(): Registry<Persona> {
  const registry = createRegistry<Persona>("persona");
  for (const p of BUILTIN_PERSONAS) registry.register(p);
  return registry;
}

/** The built-in personas (`breakfix list personas`). */
export const personaRegistry: Registry<Persona> = createPersonaRegistry();

/**
 * A persona by id, or from a YAML/JSON file when the argument names one (a path, or ends in .yaml/.yml/.json).
 * Unknown ids are NOT_FOUND with the known ones listed; bad files are CONFIG_INVALID with file and line.
 */
export async function resolvePersona(idOrFile: string, cwd = process.cwd()): Promise<Persona> {
  const looksLikeFile = /[\\/]|\.(ya?ml|json)$/i.test(idOrFile) || existsSync(path.resolve(cwd, idOrFile));
  if (!looksLikeFile || personaRegistry.has(idOrFile)) return personaRegistry.get(idOrFile);
  return loadPersonaFile(idOrFile, cwd);
}
