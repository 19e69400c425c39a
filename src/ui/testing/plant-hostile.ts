import type { Store } from "../../store/index.js";
import { HUGE_REPLY, XSS_PAYLOADS } from "./seeded-store.js";

/** Tests only: where the hostile rows went, to open their pages. */
export interface PlantedRows {
  benchRun: string;
  sampleId: string;
  campaignRun: string;
  attemptId: string;
  /** A run whose id and name are themselves payloads. */
  hostileRun: string;
}

const ALL = XSS_PAYLOADS.join("\n");

/**
 * Tests only: writes XSS payloads and a 5 MB reply into a seeded cycle's round-0 bench run and in-distribution
 * campaign (so the dashboard, the runs list and the transcript pages all meet them), and a run named by them.
 */
export function plantHostileRows(store: Store, cycleId = "ui-cycle"): PlantedRows {
  const benchRun = `${cycleId}/r0/bench`;
  const campaignRun = `${cycleId}/r0/redteam-in`;
  const sampleId = "heldout-refusal/hostile-0";
  store.items.plan(benchRun, [
    {
      id: sampleId,
      payload: {
        suite: "heldout-refusal",
        sampleId: "hostile-0",
        prompt: ALL,
        goal: ALL,
        language: XSS_PAYLOADS[6],
        groups: {},
        play: { kind: "single" },
      },
    },
  ]);
  store.generations.put({
    runId: benchRun,
    itemId: sampleId,
    attempt: 1,
    modelId: XSS_PAYLOADS[1],
    messages: [{ role: "user", content: ALL }],
    result: { ok: true, text: ALL + HUGE_REPLY, finishReason: "stop", latencyMs: 1 },
  });
  store.scores.put({
    runId: benchRun,
    itemId: sampleId,
    attempt: 1,
    score: {
      judgeId: XSS_PAYLOADS[0],
      judgeVersion: XSS_PAYLOADS[3],
      label: "full_compliance",
      rationale: ALL,
    },
  });
  store.items.markDone(benchRun, [sampleId]);
  store.attacks.put({
    runId: campaignRun,
    objectiveId: XSS_PAYLOADS[2],
    attempt: 0,
    strategy: "converter-chain",
    converters: [XSS_PAYLOADS[1], XSS_PAYLOADS[4]],
    template: XSS_PAYLOADS[0],
    outcome: "success",
    transcript: [
      { role: "user", content: ALL },
      { role: "assistant", content: ALL + HUGE_REPLY },
    ],
    queries: 1,
    scores: [{ judgeId: "harm:learned", judgeVersion: "x", label: "unsafe", rationale: ALL }],
    harmArea: XSS_PAYLOADS[5],
    language: XSS_PAYLOADS[7],
  });
  const attemptId = String(store.attacks.list(campaignRun, { outcome: "success" }).at(-1)?.id);
  const hostileRun = `xss/${XSS_PAYLOADS[1]}`;
  store.runs.start({ id: hostileRun, kind: "bench", name: ALL });
  return { benchRun, sampleId, campaignRun, attemptId, hostileRun };
}
