import type { AttackResult } from "../core/index.js";
import { severityOf, UNCATEGORIZED } from "../redteam/index.js";
import { techniqueFamily } from "../vuln/index.js";
import type { RoundData } from "./round-data.js";

/** Red-team attempts of one harm area × technique family, and how many broke the model. */
export interface AsrHeatmapCell {
  area: string;
  technique: string;
  successes: number;
  attempts: number;
}

/** A captured conversation; texts are raw model output and must be escaped by every renderer. */
export interface TranscriptExample {
  round: number;
  title: string;
  harmArea: string;
  technique: string;
  severity: number;
  messages: Array<{ role: string; content: string }>;
}

const allAttempts = (data: RoundData): Array<{ attack: AttackResult; heldOut: boolean }> => [
  ...(data.campaigns.inDistribution ?? []).map((attack) => ({ attack, heldOut: false })),
  ...(data.campaigns.heldOut ?? []).map((attack) => ({ attack, heldOut: true })),
];

/**
 * Attempt-level red-team outcomes per harm area × technique family (the vuln stage's family naming), over
 * both campaigns. Errored attempts are not attempts here: they decided nothing.
 */
export function asrHeatmap(data: RoundData): AsrHeatmapCell[] {
  const cells = new Map<string, { area: string; technique: string; successes: number; attempts: number }>();
  for (const { attack } of allAttempts(data)) {
    if (attack.outcome === "error") continue;
    const area = attack.harmArea ?? UNCATEGORIZED;
    const technique = techniqueFamily(attack);
    const key = `${area}\u0000${technique}`;
    const cell = cells.get(key) ?? { area, technique, successes: 0, attempts: 0 };
    cell.attempts++;
    if (attack.outcome === "success") cell.successes++;
    cells.set(key, cell);
  }
  return [...cells.values()].sort(
    (a, b) => a.area.localeCompare(b.area) || a.technique.localeCompare(b.technique),
  );
}

/**
 * The worst breaks of a round, raw (renderers escape): most severe first, one per harm area × technique
 * before any second of the same kind, so the examples show the spread of what broke.
 */
export function worstTranscripts(data: RoundData, perRound: number): TranscriptExample[] {
  const successes = allAttempts(data)
    .filter(({ attack }) => attack.outcome === "success")
    .map(({ attack, heldOut }) => ({
      attack,
      heldOut,
      severity: severityOf(attack.scores),
      area: attack.harmArea ?? UNCATEGORIZED,
      technique: techniqueFamily(attack),
    }))
    .sort(
      (a, b) =>
        b.severity - a.severity ||
        Number(a.heldOut) - Number(b.heldOut) ||
        a.attack.objectiveId.localeCompare(b.attack.objectiveId) ||
        a.attack.attempt - b.attack.attempt,
    );
  const seen = new Set<string>();
  const firsts = successes.filter((s) => {
    const kind = `${s.area}\u0000${s.technique}`;
    if (seen.has(kind)) return false;
    seen.add(kind);
    return true;
  });
  const picked = [...firsts, ...successes.filter((s) => !firsts.includes(s))].slice(0, Math.max(0, perRound));
  return picked.map((s) => ({
    round: data.round.round,
    title: `${s.heldOut ? "held-out " : ""}${s.technique} on ${s.attack.objectiveId} (attempt ${s.attack.attempt})`,
    harmArea: s.area,
    technique: s.technique,
    severity: s.severity,
    messages: s.attack.transcript.map((m) => ({ role: m.role, content: m.content })),
  }));
}
