import { BreakfixError } from "./errors.js";

/**
 * What every kind of plugin shares (providers, converters, strategies, templates, judges, suites, dataset
 * loaders, personas): a plain object with a stable `id` and a one-line `description`, registered in a
 * Registry of its kind. A kind's `defineX` checks what its plugins declare; its contract test iterates over
 * `list()`.
 */
export interface Plugin {
  readonly id: string;
  readonly description: string;
}

export interface Registry<T extends Plugin> {
  readonly kind: string;
  register(plugin: T): T;
  get(id: string): T;
  has(id: string): boolean;
  list(): T[];
}

export function createRegistry<T extends Plugin>(kind: string): Registry<T> {
  const items = new Map<string, T>();
  return {
    kind,
    register(plugin) {
      if (!/^[a-z0-9][a-z0-9._:@/-]*$/i.test(plugin.id)) {
        throw new BreakfixError("INTERNAL", `Invalid ${kind} id "${plugin.id}"`);
      }
      if (items.has(plugin.id)) throw new BreakfixError("INTERNAL", `Duplicate ${kind} id "${plugin.id}"`);
      items.set(plugin.id, plugin);
      return plugin;
    },
    get(id) {
      const found = items.get(id);
      if (!found) {
        const known = [...items.keys()].sort().join(", ");
        throw new BreakfixError("NOT_FOUND", `Unknown ${kind} "${id}"`, {
          fix: `use one of: ${known || "(none registered)"}`,
        });
      }
      return found;
    },
    has: (id) => items.has(id),
    list: () => [...items.values()].sort((a, b) => a.id.localeCompare(b.id)),
  };
}
