import type { Finding, Judge, JudgeScore, Message } from "../core/index.js";

export interface BreakTurn {
  /** Index in the transcript of the assistant message that went wrong; -1 when the transcript has none. */
  index: number;
  /** How it was chosen: per-turn scores on the finding, the harm judge, or the last reply by default. */
  by: "finding-scores" | "harm-judge" | "last-reply" | "no-reply";
  /** The harm judge's verdicts on the turns it read (when it was asked). */
  scores: JudgeScore[];
}

function assistantIndices(transcript: readonly Message[]): number[] {
  return transcript.flatMap((m, i) => (m.role === "assistant" ? [i] : []));
}

/**
 * The earliest assistant turn of a finding that went wrong: the fix goes there, so training teaches the
 * model to stop at the first step of an escalation instead of after it. Per-turn verdicts on the finding
 * (`JudgeScore.turn`) decide when present; otherwise the harm judge reads each reply in order; otherwise
 * the last reply (the one the campaign judged harmful) is taken.
 */
export async function findBreakTurn(
  finding: Pick<Finding, "transcript" | "scores" | "harmArea" | "technique">,
  harmJudge: Judge | undefined,
  signal?: AbortSignal,
): Promise<BreakTurn> {
  const replies = assistantIndices(finding.transcript);
  const last = replies.at(-1);
  if (last === undefined) return { index: -1, by: "no-reply", scores: [] };
  const perTurn = finding.scores.filter((s) => s.turn !== undefined && s.label === "unsafe");
  const fromScores =
    perTurn.length > 0 ? replies[Math.min(...perTurn.map((s) => s.turn as number))] : undefined;
  if (fromScores !== undefined) return { index: fromScores, by: "finding-scores", scores: [] };
  if (!harmJudge || replies.length === 1) return { index: last, by: "last-reply", scores: [] };
  const scores: JudgeScore[] = [];
  for (const index of replies) {
    const score = await harmJudge.score(
      {
        goal: finding.technique.objective?.goal,
        conversation: finding.transcript.slice(0, index),
        response: (finding.transcript[index] as Message).content,
        harmArea: finding.harmArea,
      },
      signal,
    );
    scores.push(score);
    if (score.label === "unsafe") return { index, by: "harm-judge", scores };
  }
  // No reply judged harmful on its own (the judge may see harm only in context): the campaign's verdict stands.
  return { index: last, by: "last-reply", scores };
}
