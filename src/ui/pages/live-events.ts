import { type FSWatcher, watch } from "node:fs";
import path from "node:path";
import { streamSSE } from "hono/streaming";
import type { Store } from "../../store/index.js";
import type { UiFeature } from "../http/ui-context.js";

/** One run's progress as pushed to the pages: its status and its planned items' counts. */
export interface RunProgress {
  id: string;
  status: string;
  done: number;
  failed: number;
  total: number;
}

/** The newest runs with their item counts: small enough to push on every change. */
export function runProgress(store: Store, limit = 200): RunProgress[] {
  return store.runs.list({ limit }).map((r) => {
    const c = store.items.counts(r.id);
    return { id: r.id, status: r.status, done: c.done, failed: c.failed, total: c.total };
  });
}

const DEBOUNCE_MS = 250;

/**
 * Calls `onChange` (debounced) whenever the SQLite file or its WAL changes, whoever wrote it: this process
 * or a CLI run in another terminal. One watcher on the folder (the `-wal` file comes and goes), no polling.
 * Returns the function that stops watching; a store without a file (`:memory:`) never changes from outside.
 */
export function watchStore(file: string, onChange: () => void): () => void {
  if (file === ":memory:" || file === "") return () => {};
  const dir = path.dirname(path.resolve(file));
  const base = path.basename(file);
  const watched = new Set([base, `${base}-wal`, `${base}-journal`]);
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { persistent: false }, (_event, name) => {
      // Readers touch only the -shm file (mapped memory): a change there is no write, so it is ignored.
      if (name !== null && !watched.has(String(name))) return;
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        onChange();
      }, DEBOUNCE_MS);
    });
  } catch {
    return () => {};
  }
  return () => {
    if (timer) clearTimeout(timer);
    watcher?.close();
  };
}

/** One watcher per app, shared by every open page; it stops when the last page goes. */
function storeChanges(store: Store) {
  const listeners = new Set<() => void>();
  let stop: (() => void) | undefined;
  return (listener: () => void): (() => void) => {
    listeners.add(listener);
    stop ??= watchStore(store.path, () => {
      for (const l of listeners) l();
    });
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        stop?.();
        stop = undefined;
      }
    };
  };
}

const KEEPALIVE_MS = 30_000;

/** `GET /api/events`: server-sent `progress` events (the runs' statuses and counts) on every store change. */
export const liveEventsFeature: UiFeature = {
  name: "live-events",
  register(app, ui) {
    const subscribe = storeChanges(ui.env.store);
    app.get("/api/events", (c) =>
      streamSSE(c, async (stream) => {
        let last = "";
        const push = async () => {
          const data = JSON.stringify({ runs: runProgress(ui.env.store) });
          if (data === last) return;
          last = data;
          await stream.writeSSE({ event: "progress", data });
        };
        let wake: ((changed: boolean) => void) | undefined;
        const unsubscribe = subscribe(() => wake?.(true));
        stream.onAbort(() => {
          unsubscribe();
          wake?.(false);
        });
        try {
          await push();
          while (!stream.aborted && !stream.closed) {
            // Sleep until the store changes (or the keep-alive comment is due): no polling loop.
            const changed = await new Promise<boolean>((resolve) => {
              const t = setTimeout(() => resolve(false), KEEPALIVE_MS);
              wake = (c) => {
                clearTimeout(t);
                resolve(c);
              };
            });
            wake = undefined;
            if (stream.aborted) break;
            if (changed) await push();
            else await stream.write(": keep-alive\n\n");
          }
        } finally {
          unsubscribe();
        }
      }),
    );
  },
};
