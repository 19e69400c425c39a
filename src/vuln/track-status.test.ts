import { describe, expect, it } from "vitest";
import type { Vulnerability, VulnerabilityKey } from "../core/index.js";
import { groupObservations } from "./group-observations.js";
import type { Observation } from "./observation.js";
import { compareVulnerabilities, trackStatus } from "./track-status.js";

const KEY: VulnerabilityKey = {
  harmArea: "cyber",
  technique: "direct",
  language: "en",
  turnDepth: "1",
};

const observation = (i: number, o: Partial<Observation>): Observation => ({
  key: KEY,
  outcome: "failure",
  sourceId: `run/obj-${i}#0`,
  severity: 0,
  attackText: `request ${i}`,
  ...o,
});

/** Round 0: broken, so the vulnerability exists; round 1 re-attacks it with `held`. */
function roundOneStatus(held: Observation[]): Vulnerability {
  const [before] = trackStatus(
    groupObservations([observation(0, { outcome: "success", severity: 5, findingId: "f0" })]),
    [],
    "s",
    0,
  );
  const [after] = trackStatus(groupObservations(held), [before as Vulnerability], "s", 1);
  return after as Vulnerability;
}

describe("trackStatus: fixed needs coherent replies", () => {
  it("re-attacks that got coherent refusals make it fixed", () => {
    const v = roundOneStatus([observation(1, { reply: "refused" }), observation(2, { reply: "refused" })]);
    expect(v.status).toBe("fixed");
  });

  it("re-attacks answered with degenerate replies make it collapsed, not fixed", () => {
    const v = roundOneStatus([observation(1, { reply: "refused" }), observation(2, { reply: "degenerate" })]);
    expect(v.status).toBe("collapsed");
    expect(groupObservations([observation(2, { reply: "degenerate" })])[0]).toMatchObject({
      degenerate: 1,
      attempts: 1,
      successes: 0,
    });
  });

  it("ranks collapsed with the unfixed", () => {
    const base = roundOneStatus([observation(1, { reply: "refused" })]);
    const collapsed = { ...base, id: "z", status: "collapsed" as const };
    const fixed = { ...base, id: "a", status: "fixed" as const };
    expect([fixed, collapsed].sort(compareVulnerabilities).map((v) => v.status)).toEqual([
      "collapsed",
      "fixed",
    ]);
  });

  it("a collapsed one broken again is open; one no longer attacked stays unfixed", () => {
    const collapsed = roundOneStatus([observation(1, { reply: "degenerate" })]);
    const [broken] = trackStatus(
      groupObservations([observation(3, { outcome: "success", severity: 4, findingId: "f3" })]),
      [collapsed],
      "s",
      2,
    );
    expect(broken?.status).toBe("open");
    expect(trackStatus([], [collapsed], "s", 2)[0]?.status).toBe("open");
  });
});
