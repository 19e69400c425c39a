import { describe, expect, it } from "vitest";
import type { AttackResult } from "../core/index.js";
import { openStore } from "../store/index.js";
import { campaignObservations } from "./campaign-observations.js";

const SALAD = "plorf zanth quibble morx vantle drevin sopple krath";

describe("campaign observations of per-query steps", () => {
  it("give the held attempt's final reply to its last probe, so collapse there is seen", () => {
    const store = openStore(":memory:");
    const steps = [{ strategy: "converter-chain", options: { chains: [["base64"], ["rot13"]] } }];
    store.runs.start({ id: "rt", kind: "redteam", name: "rt", config: { persona: { steps } } });
    const attempt = (objectiveId: string, reply: string): AttackResult => ({
      runId: "rt",
      objectiveId,
      strategy: "converter-chain",
      converters: ["rot13"],
      attempt: 0,
      outcome: "failure",
      transcript: [
        { role: "user", content: "encoded ask" },
        { role: "assistant", content: reply },
      ],
      queries: 2,
      scores: [{ judgeId: "test:harm", judgeVersion: "1", label: "safe" }],
      harmArea: "cyber",
      language: "en",
    });
    store.attacks.put(attempt("o1", SALAD));
    store.attacks.put(attempt("o2", "I can't help with that request."));
    const obs = campaignObservations(store, "rt");
    // Two probes per attempt; only the last query's reply is stored, and it is the last probe's.
    expect(obs.map((o) => [o.sourceId.replace(/^.*\//, ""), o.key.technique, o.reply ?? "-"])).toEqual([
      ["o1#0@0", "converter-chain+base64", "-"],
      ["o1#0@1", "converter-chain+rot13", "degenerate"],
      ["o2#0@0", "converter-chain+base64", "-"],
      ["o2#0@1", "converter-chain+rot13", "refused"],
    ]);
    store.close();
  });
});
