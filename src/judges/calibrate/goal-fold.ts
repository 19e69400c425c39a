/**
 * Deterministic fold of a goal or prompt: FNV-1a of its key, so the same goal lands in the same fold in every
 * group (attack method, answering model) and no goal is in both the training and the test side of a split.
 */
export function goalFold(goalKey: string, folds: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < goalKey.length; i++) {
    h ^= goalKey.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % folds;
}
