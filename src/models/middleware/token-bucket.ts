import { sleep } from "../../core/index.js";

/** A per-minute budget (requests or tokens) paced as a token bucket. */
export interface TokenBucket {
  readonly perMinute: number;
  /** Waits until `n` units are available and takes them; rejects with ABORTED if the signal fires. */
  take(n: number, signal?: AbortSignal): Promise<void>;
  /** Corrects an earlier take once the real cost is known (positive = used more than taken). */
  adjust(delta: number): void;
}

/**
 * Holds at most one second's worth of units, because providers enforce per-minute limits in sub-minute
 * slices: letting a whole minute's budget out at once draws 429s. Takes are reservations (the level may go
 * negative), so waiters are served in arrival order and a take larger than the capacity cannot deadlock.
 */
export function createTokenBucket(
  perMinute: number,
  now: () => number = () => performance.now(),
): TokenBucket {
  const perMs = perMinute / 60_000;
  const capacity = Math.max(1, perMinute / 60);
  let level = capacity;
  let last = now();
  const refill = (): void => {
    const t = now();
    level = Math.min(capacity, level + (t - last) * perMs);
    last = t;
  };
  return {
    perMinute,
    async take(n, signal) {
      refill();
      level -= n;
      if (level >= 0) return;
      try {
        await sleep(-level / perMs, signal);
      } catch (e) {
        level += n;
        throw e;
      }
    },
    adjust(delta) {
      refill();
      level -= delta;
    },
  };
}
