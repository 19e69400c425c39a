import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { measureDecontamination, rateOf } from "./decontamination-measure.js";

/**
 * The planted-probe test of decontamination by meaning (issue 15, part 6) on the real evaluation sets in
 * ../shared/datasets (see decontamination-measure.ts for the probes and the clean fix data). Run with
 * `npx vitest run test/decontamination-probes.test.ts`; it prints the table and every miss.
 * `npx tsx scripts/decontamination-table.ts --write` puts the table in src/curate/README.md.
 */
const SHARED = path.resolve(import.meta.dirname, "../../shared/datasets");

describe.skipIf(!existsSync(SHARED))("decontamination probes (needs ../shared/datasets)", () => {
  it("catches paraphrase, translation and encoding probes with ≤ 1% false removals on clean fix data", async () => {
    const m = await measureDecontamination(SHARED);
    console.log([...m.lines, "", ...m.details].join("\n"));
    expect(m.millis).toBeLessThan(10_000);
    // Floors at the measured rates: a change that loses probes or removes clean data fails here. The first
    // set reaches 91.7% (its misses were read while the check was built: not blind); the second set, blind
    // but written by the session that built the check, 79.6% at its first run (74.1% before that session's
    // changes); the third, written by a helper session that never read the check, 5 of 60 at its first run
    // (8 after general fixes: British spellings, "-ious", request-framing words such as "method"); the fourth, by another such helper, 16 of 60 at its
    // first run (near rewordings 11/22, free ones 1/18) — paraphrases that share few words with the original
    // are out of a lexical check's reach (the curate README).
    const rate = (kind: string) => rateOf(m, kind);
    const first = m.tallies.filter((t) => ["paraphrase (test)", "translation", "encoding"].includes(t.kind));
    expect(rate("paraphrase (test)")).toBeGreaterThanOrEqual(0.9);
    expect(rate("translation")).toBeGreaterThanOrEqual(0.75);
    expect(rate("encoding")).toBeGreaterThanOrEqual(0.95);
    expect(
      first.reduce((s, t) => s + t.caught, 0) / first.reduce((s, t) => s + t.n, 0),
    ).toBeGreaterThanOrEqual(0.9);
    expect(rate("second blind paraphrase")).toBeGreaterThanOrEqual(0.8);
    expect(rate("second blind same-language rewrite")).toBeGreaterThanOrEqual(0.65);
    expect(rate("third blind paraphrase")).toBeGreaterThanOrEqual(6 / 40);
    expect(rate("fourth blind paraphrase (near)")).toBeGreaterThanOrEqual(11 / 22);
    expect(rate("fourth blind paraphrase (free)")).toBeGreaterThanOrEqual(1 / 18);
    expect(rate("third blind English back-translation")).toBeGreaterThanOrEqual(2 / 10);
    expect(m.clean.falseRemovals / m.clean.n).toBeLessThanOrEqual(0.01);
    for (const [overlap, present] of Object.entries(m.overlapsPresent)) expect(present, overlap).toBe(true);
  }, 120_000);
});
