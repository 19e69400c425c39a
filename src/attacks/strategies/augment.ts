import type { Rng } from "../../core/index.js";

/** Best-of-N text augmentations (Hughes et al. 2024): each a seeded, independent perturbation. */
export interface AugmentRates {
  /** Probability that a letter's case is flipped. */
  caseFlip: number;
  /** Probability that a word of 4+ letters has its inner letters shuffled. */
  scramble: number;
  /** Probability that a printable ASCII character is nudged to a neighbouring code (±1). */
  noise: number;
}

export function flipCase(text: string, rng: Rng, p: number): string {
  return Array.from(text, (c) => {
    if (!rng.bool(p)) return c;
    const upper = c.toUpperCase();
    return c === upper ? c.toLowerCase() : upper;
  }).join("");
}

export function scrambleWords(text: string, rng: Rng, p: number): string {
  return text.replace(/[A-Za-z]{4,}/g, (word) => {
    if (!rng.bool(p)) return word;
    const inner = rng.shuffle(Array.from(word.slice(1, -1))).join("");
    return `${word[0]}${inner}${word.at(-1)}`;
  });
}

export function asciiNoise(text: string, rng: Rng, p: number): string {
  return text.replace(/[\x21-\x7e]/g, (c) => {
    if (!rng.bool(p)) return c;
    const code = c.charCodeAt(0) + (rng.bool() ? 1 : -1);
    return String.fromCharCode(Math.min(0x7e, Math.max(0x21, code)));
  });
}

/** Applies all three in a fixed order, each from its own stream of `rng`. */
export function augment(text: string, rng: Rng, rates: AugmentRates): string {
  const scrambled = scrambleWords(text, rng.fork("scramble"), rates.scramble);
  const flipped = flipCase(scrambled, rng.fork("case"), rates.caseFlip);
  return asciiNoise(flipped, rng.fork("noise"), rates.noise);
}
