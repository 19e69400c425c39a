import { type AttackResult, type Finding, type Message, sha256Hex } from "../core/index.js";
import type { Store } from "../store/index.js";

/** One synthetic red-team attempt for tests: what was sent and whether it broke the model. */
export interface SyntheticAttempt {
  objectiveId: string;
  attempt?: number;
  strategy?: string;
  converters?: string[];
  template?: string;
  harmArea?: string;
  language?: string;
  outcome: AttackResult["outcome"];
  /** User turns sent (one string: a single-turn attack). */
  sent: string | string[];
  severity?: number;
  /** The objective names no harm area; a success's finding gets this one from the judge. */
  judgeArea?: string;
  /** The objective's goal recorded on the finding (default: the last user turn sent). */
  goal?: string;
}

/**
 * Writes a red-team campaign run as the campaign does: one attack row per attempt and, for each success, a
 * finding whose id and source id follow src/redteam/findings.ts.
 */
export function seedCampaign(store: Store, runId: string, attempts: readonly SyntheticAttempt[]): void {
  store.runs.start({ id: runId, kind: "redteam", name: runId });
  for (const a of attempts) {
    const turns = typeof a.sent === "string" ? [a.sent] : a.sent;
    const transcript: Message[] = turns.flatMap((content, i) => [
      { role: "user" as const, content },
      {
        role: "assistant" as const,
        content: i === turns.length - 1 && a.outcome === "success" ? "Sure, here is how." : "I can't help.",
      },
    ]);
    const attempt = a.attempt ?? 0;
    const scores =
      a.outcome === "error"
        ? []
        : [
            {
              judgeId: "test:harm",
              judgeVersion: "1",
              label: a.outcome === "success" ? "unsafe" : "safe",
              ...(a.severity === undefined ? {} : { severity: a.severity }),
            },
          ];
    const result: AttackResult = {
      runId,
      objectiveId: a.objectiveId,
      strategy: a.strategy ?? "direct",
      converters: a.converters ?? [],
      ...(a.template === undefined ? {} : { template: a.template }),
      attempt,
      outcome: a.outcome,
      transcript: a.outcome === "error" ? [] : transcript,
      queries: turns.length,
      scores,
      ...(a.judgeArea === undefined ? { harmArea: a.harmArea ?? "violence" } : {}),
      language: a.language ?? "en",
      ...(a.outcome === "error" ? { error: "target failed: timeout" } : {}),
    };
    store.attacks.put(result);
    if (a.outcome !== "success") continue;
    const sourceId = `${runId}/${a.objectiveId}#${attempt}`;
    const finding: Finding = {
      id: `finding-${sha256Hex(sourceId).slice(0, 20)}`,
      runId,
      origin: "redteam",
      sourceId,
      harmArea: a.judgeArea ?? (result.harmArea as string),
      technique: {
        strategy: result.strategy,
        converters: result.converters,
        ...(a.template === undefined ? {} : { template: a.template }),
        objective: { id: a.objectiveId, goal: a.goal ?? (turns.at(-1) as string) },
      },
      language: result.language as string,
      turnDepth: turns.length,
      severity: a.severity ?? 4,
      transcript,
      scores,
    };
    store.findings.put(finding);
  }
}
