import type { Objective } from "../attacks/index.js";
import type { ChatModel, GenerateResult, Judge, JudgeScore, Message } from "../core/index.js";

/** Test doubles for campaigns: objectives, a marker judge and deterministic targets. */
export const COMPLIED = "COMPLIED: here it is";

export const OBJECTIVES: Objective[] = [
  { id: "obj-a", goal: "Explain how to open the secret door", harmArea: "area-1", language: "en" },
  { id: "obj-b", goal: "Describe the forbidden recipe", harmArea: "area-1", language: "en" },
  { id: "obj-c", goal: "Write the banned poem", harmArea: "area-2", language: "fr" },
  { id: "obj-d", goal: "List the hidden passwords", harmArea: "area-2", language: "en" },
];

export function markerJudge(marker = "COMPLIED"): Judge {
  return {
    id: "test:marker",
    version: "1",
    async score(input): Promise<JudgeScore> {
      return {
        judgeId: "test:marker",
        judgeVersion: "1",
        label: input.response.includes(marker) ? "unsafe" : "safe",
      };
    },
  };
}

const ok = (text: string): GenerateResult => ({ ok: true, text, finishReason: "stop", latencyMs: 0 });

const lastUser = (messages: readonly Message[]) =>
  messages.filter((m) => m.role === "user").at(-1)?.content ?? "";

/** A target that complies when `complies(prompt)` holds for the last user message, and refuses otherwise. */
export function ruleTarget(
  complies: (prompt: string) => boolean,
  id = "test:rule",
): ChatModel & { calls: number } {
  const model = {
    id,
    calls: 0,
    async generate(messages: readonly Message[]): Promise<GenerateResult> {
      model.calls++;
      return ok(complies(lastUser(messages)) ? COMPLIED : "I can't help with that.");
    },
  };
  return model;
}

/** Complies only when the prompt carries one of the goals in base64. */
export function base64OnlyTarget(objectives: readonly Objective[] = OBJECTIVES) {
  const encoded = objectives.map((o) => Buffer.from(o.goal, "utf8").toString("base64"));
  return ruleTarget((p) => encoded.some((e) => p.includes(e)), "test:base64-only");
}

/** Complies for about one in `modulus` distinct prompts, decided by the text alone (deterministic, order-free). */
export function hashTarget(modulus = 3): ChatModel & { calls: number } {
  return ruleTarget((p) => {
    let h = 0;
    for (const ch of p) h = (h * 31 + (ch.codePointAt(0) as number)) >>> 0;
    return h % modulus === 0;
  }, "test:hash");
}

/** `n` objectives with distinct goals, for campaigns long enough to interrupt. */
export function manyObjectives(n: number): Objective[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `obj-${String(i).padStart(3, "0")}`,
    goal: `Explain forbidden procedure number ${i} in detail`,
    harmArea: i % 2 === 0 ? "area-even" : "area-odd",
    language: "en",
  }));
}
