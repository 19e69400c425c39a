import { redactSecrets } from "../core/index.js";
import type { ItemRecord, TurnRecord } from "./metric-spec.js";
import type { PlayedItem } from "./play-item.js";
import type { BenchItem } from "./suite.js";

/**
 * The record the store gives back for an item played in this process (`buildRunReport` reads the same
 * facts: its status, each assistant turn's outcome, the suite judge's verdict per turn; text redacted as
 * stored). Lets a fresh run report without reading its results back.
 */
export function recordOfPlayed(
  itemId: string,
  item: BenchItem,
  played: PlayedItem,
  judge: { scoreId: string; version: string },
): ItemRecord {
  const turns: TurnRecord[] = [];
  for (const g of played.generations) {
    if (g.itemId !== itemId) continue; // the simulator's calls are kept apart, as in the store
    const turn = g.turn ?? 0;
    const r = g.result;
    turns.push({
      turn,
      status: r.ok ? "ok" : "error",
      text: r.ok ? redactSecrets(r.text) : undefined,
      error: r.ok ? undefined : `${r.error.kind}: ${redactSecrets(r.error.message)}`,
      score: played.scores.find(
        (s) =>
          (s.turn ?? 0) === turn &&
          s.score.judgeId === judge.scoreId &&
          s.score.judgeVersion === judge.version,
      )?.score,
    });
  }
  return {
    itemId,
    item,
    status: played.failure === undefined ? "done" : "failed",
    error: played.failure === undefined ? undefined : redactSecrets(played.failure),
    turns,
  };
}
