import type { Rng } from "../core/index.js";
import { roundRobinByArea } from "./balance.js";
import type { Candidate } from "./example-text.js";
import type { RemovedExample } from "./removal.js";

export interface Mixed<T extends Candidate> {
  safety: T[];
  helpfulness: T[];
  removed: RemovedExample[];
  /** Safety examples over all examples, as mixed. */
  share: number;
}

/**
 * Mixes safety examples with general helpfulness data so that safety makes up `share` of the result (after
 * Safety-Tuned LLaMAs: a small share teaches refusals, a large one teaches over-refusal). Helpfulness data is
 * sampled down when there is more than needed; when there is too little, the safety examples are cut
 * instead, areas in turn, so the share holds.
 */
export function mixSafetyShare<T extends Candidate>(
  safety: readonly T[],
  helpfulness: readonly T[],
  share: number,
  rng: Rng,
): Mixed<T> {
  if (helpfulness.length === 0 || share >= 1 || safety.length === 0) {
    const s = [...safety];
    return { safety: s, helpfulness: [], removed: [], share: s.length > 0 ? 1 : 0 };
  }
  const wanted = Math.round((safety.length * (1 - share)) / share);
  let keptSafety = [...safety];
  let keptHelp: T[];
  if (helpfulness.length >= wanted) {
    keptHelp = rng.fork("helpfulness").shuffle(helpfulness).slice(0, wanted);
  } else {
    keptHelp = [...helpfulness];
    const fit = Math.max(1, Math.round((helpfulness.length * share) / (1 - share)));
    keptSafety = roundRobinByArea(safety, fit, rng.fork("safety"));
  }
  const kept = new Set<T>([...keptSafety, ...keptHelp]);
  const removed = [...safety, ...helpfulness]
    .filter((c) => !kept.has(c))
    .map((c) => ({
      id: c.id,
      set: "sft" as const,
      kind: c.provenance.kind,
      harmArea: c.provenance.harmArea,
      reason: "mix" as const,
    }));
  const total = keptSafety.length + keptHelp.length;
  return {
    safety: keptSafety,
    helpfulness: keptHelp,
    removed,
    share: total > 0 ? keptSafety.length / total : 0,
  };
}

/**
 * Seeded train/validation split. Each stratum (safety, helpfulness) is split on its own so both sides keep
 * the mix; a stratum of one example stays in training.
 */
export function splitStrata<T>(
  strata: ReadonlyArray<readonly T[]>,
  fraction: number,
  rng: Rng,
): { train: T[]; validation: T[] } {
  const train: T[] = [];
  const validation: T[] = [];
  strata.forEach((items, i) => {
    const shuffled = rng.fork(`split:${i}`).shuffle(items);
    const n = items.length < 2 ? 0 : Math.round(items.length * fraction);
    validation.push(...shuffled.slice(0, n));
    train.push(...shuffled.slice(n));
  });
  return {
    train: rng.fork("train-order").shuffle(train),
    validation: rng.fork("validation-order").shuffle(validation),
  };
}
