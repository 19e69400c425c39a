import { BreakfixError } from "./errors.js";

/** A counting semaphore: at most `limit` holders at once; waiters are served first-in, first-out. */
export interface Limiter {
  readonly limit: number;
  readonly active: number;
  readonly pending: number;
  /** Runs `task` when a slot is free. Rejects with ABORTED if the signal fires while waiting. */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new BreakfixError("USAGE", `Concurrency limit must be a positive integer, got ${limit}`, {
      fix: "use a whole number of at least 1",
    });
  }
  let active = 0;
  const queue: Array<{ start: () => void; cancel: (e: unknown) => void }> = [];

  const release = (): void => {
    active--;
    const next = queue.shift();
    if (next) next.start();
  };

  return {
    limit,
    get active() {
      return active;
    },
    get pending() {
      return queue.length;
    },
    run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (signal?.aborted) return Promise.reject(abortError(signal));
      return new Promise<T>((resolve, reject) => {
        const start = (): void => {
          signal?.removeEventListener("abort", onAbort);
          active++;
          let p: Promise<T>;
          try {
            p = task();
          } catch (e) {
            p = Promise.reject(e);
          }
          p.then(resolve, reject).finally(release);
        };
        const entry = { start, cancel: reject };
        const onAbort = (): void => {
          const i = queue.indexOf(entry);
          if (i >= 0) queue.splice(i, 1);
          reject(abortError(signal));
        };
        if (active < limit) start();
        else {
          queue.push(entry);
          signal?.addEventListener("abort", onAbort, { once: true });
        }
      });
    },
  };
}

export interface MapOptions {
  signal?: AbortSignal;
  /** Called after each item finishes, with the number done so far. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Maps `fn` over `items` with at most `limit` calls in flight; results keep the input order. If one call
 * throws, no new calls start, the in-flight ones are awaited, and the first error is rethrown.
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  options: MapOptions = {},
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let nextIndex = 0;
  let done = 0;
  let firstError: unknown;
  let failed = false;

  const worker = async (): Promise<void> => {
    while (!failed && nextIndex < items.length) {
      if (options.signal?.aborted) {
        failed = true;
        firstError ??= abortError(options.signal);
        return;
      }
      const i = nextIndex++;
      try {
        results[i] = await fn(items[i] as T, i);
        done++;
        options.onProgress?.(done, items.length);
      } catch (e) {
        if (!failed) firstError = e;
        failed = true;
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
  if (failed) throw firstError;
  return results;
}

export function abortError(signal?: AbortSignal): BreakfixError {
  const reason = signal?.reason;
  const detail = reason instanceof Error ? reason.message : reason ? String(reason) : "aborted";
  return new BreakfixError("ABORTED", `Operation was cancelled (${detail})`, { cause: reason });
}

/** Resolves after `ms`, or rejects with ABORTED as soon as the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
