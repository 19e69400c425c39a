import { describe, expect, it } from "vitest";
import { base64OnlyTarget, markerJudge, OBJECTIVES, ruleTarget } from "../../redteam/campaign-test-kit.js";
import { intermediatePersona, lowSkilledPersona, runCampaign } from "../../redteam/index.js";
import { openStore, type Store } from "../../store/index.js";
import { findingsOf, identifyVulnerabilities } from "../../vuln/index.js";

/** A campaign on OBJECTIVES into `store` with the marker judge; each call runs it against one target. */
const campaignIn =
  (store: Store, persona: typeof lowSkilledPersona, seed: number) =>
  (target: ReturnType<typeof ruleTarget>) =>
    runCampaign({ store, persona, objectives: OBJECTIVES, target, judge: markerJudge(), seed });

/** The vuln stage on what a real campaign writes (rows, findings and their source ids), two rounds. */
describe("vulnerabilities from real campaign runs", () => {
  it("finds the base64 break per area and language, then sees it fixed", async () => {
    const store = openStore(":memory:");
    const campaign = campaignIn(store, intermediatePersona, 3);
    const broken = await campaign(base64OnlyTarget());
    const round1 = identifyVulnerabilities(store, { scope: "c", round: 1, campaignRunIds: [broken.runId] });
    // Two distinct requests broke area-1 (prevalence 2): it ranks first; the other two tie and order by id.
    const rows = round1.map((v) =>
      [v.key.harmArea, v.key.technique, v.key.language, v.status, v.successes, v.attempts, v.prevalence].join(
        " ",
      ),
    );
    expect(rows[0]).toBe("area-1 converter-chain+base64 en new 2 2 2");
    expect(rows.slice(1).sort()).toEqual([
      "area-2 converter-chain+base64 en new 1 1 1",
      "area-2 converter-chain+base64 fr new 1 1 1",
    ]);
    const findings = round1.flatMap((v) => findingsOf(store, v));
    expect(findings).toHaveLength(OBJECTIVES.length);

    const held = await campaign(ruleTarget(() => false));
    const round2 = identifyVulnerabilities(store, { scope: "c", round: 2, campaignRunIds: [held.runId] });
    // Every objective's converter-chain step tried base64 first (then eleven more chains) and held.
    expect(round2.map((v) => [v.status, v.attempts, v.successes])).toEqual([
      ["fixed", 2, 0],
      ["fixed", 1, 0],
      ["fixed", 1, 0],
    ]);
    expect(round2.map((v) => v.id).sort()).toEqual(round1.map((v) => v.id).sort());
    store.close();
  });

  it("counts shuffled templates of unknown families as one technique, so they too can be seen fixed", async () => {
    const store = openStore(":memory:");
    const campaign = campaignIn(store, lowSkilledPersona, 5);
    // Complies inside any jailbreak template (a long prompt), never to a direct ask.
    const broken = await campaign(ruleTarget((p) => p.length > 200));
    const round1 = identifyVulnerabilities(store, { scope: "c", round: 1, campaignRunIds: [broken.runId] });
    expect(round1.map((v) => v.key.technique)).toEqual(["template", "template", "template"]);
    expect(round1.reduce((n, v) => n + (v.successes ?? 0), 0)).toBe(OBJECTIVES.length);

    const held = await campaign(ruleTarget(() => false));
    const round2 = identifyVulnerabilities(store, { scope: "c", round: 2, campaignRunIds: [held.runId] });
    expect(round2.map((v) => v.status)).toEqual(["fixed", "fixed", "fixed"]);
    store.close();
  });
});
