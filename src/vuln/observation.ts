import {
  type Message,
  type ReplyOutcome,
  sha256Hex,
  stableStringify,
  type VulnerabilityKey,
} from "../core/index.js";

/**
 * One decided-or-not attack attempt (red-team attempt or bench sample) reduced to what vulnerability
 * identification needs: its group key, outcome, and for a success the severity, finding and sent text.
 */
export interface Observation {
  key: VulnerabilityKey;
  outcome: "success" | "failure" | "error";
  /** Where it came from: `<run>/<objective or item>#<attempt>`. */
  sourceId: string;
  /** Judged severity 0–7 (successes). */
  severity: number;
  /**
   * The request the attack carried, for near-duplicate merging: the objective's goal when recorded, else the
   * user turns as sent. Not the wrapped text: inside one group every attack shares the template boilerplate
   * or encoding, which would make different requests look alike (and one request encoded twice look apart).
   */
  attackText: string;
  findingId?: string;
  /** What the final reply did, when it is known (a per-query probe that held keeps no reply of its own). */
  reply?: ReplyOutcome;
}

/** Stable vulnerability id: a hash of the key only, so the same group has the same id in every round. */
export function vulnerabilityId(key: VulnerabilityKey): string {
  return `vuln-${sha256Hex(stableStringify(key)).slice(0, 16)}`;
}

/** The user turns a transcript sent, joined: what two look-alike attacks share. */
export function attackTextOf(transcript: readonly Message[]): string {
  return transcript
    .filter((m) => m.role === "user")
    .map((m) => m.content)
    .join("\n");
}
