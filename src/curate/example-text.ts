import type { Message } from "../core/index.js";
import type { CandidatePair, CandidateSft, Provenance } from "./types.js";

/** A candidate of either set, seen the same way by dedupe, decontamination, balance and mixing. */
export interface Candidate {
  id: string;
  provenance: Provenance;
  /** Every message of the example, prompt and responses, in order. */
  messages: readonly Message[];
}

export function sftCandidate(c: CandidateSft): Candidate {
  return { id: c.id, provenance: c.provenance, messages: c.example.messages };
}

export function pairCandidate(c: CandidatePair): Candidate {
  return {
    id: c.id,
    provenance: c.provenance,
    messages: [...c.pair.prompt, ...c.pair.chosen, ...c.pair.rejected],
  };
}

/** The example as one text with role marks: what exact and near-duplicate checks compare. */
export function exampleText(c: Candidate): string {
  return c.messages.map((m) => `${m.role}: ${m.content}`).join("\n");
}

/** The user turns joined: what the keyword mapping and decontamination read as the request. */
export function userText(messages: readonly Message[]): string {
  return messages
    .filter((m) => m.role === "user")
    .map((m) => m.content)
    .join("\n");
}
