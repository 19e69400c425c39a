/** Edit distance between two short strings (keys, ids), for "did you mean" suggestions. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((row[j - 1] as number) + 1, (prev[j] as number) + 1, (prev[j - 1] as number) + cost));
    }
    prev = row;
  }
  return prev[b.length] as number;
}

// Case, dashes and underscores are the usual slips (`base_url`, `apikeyenv`), so compare without them.
const normalise = (s: string): string => s.toLowerCase().replace(/[-_\s]/g, "");

/** The closest candidate to `input` when it is close enough to be a likely typo, else undefined. */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const target = normalise(input);
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(target, normalise(candidate));
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  if (!best) return undefined;
  const allowed = Math.max(1, Math.floor(Math.max(target.length, best.candidate.length) / 3));
  return best.distance <= allowed ? best.candidate : undefined;
}
