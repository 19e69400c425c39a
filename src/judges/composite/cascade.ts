import { type Judge, type JudgeScore, UNKNOWN_LABEL } from "../../core/index.js";
import { clears } from "./flag-rank.js";

export interface CascadeOptions {
  id?: string;
  /**
   * When the first-pass verdict needs confirmation. Default: when it does not clear the reply (`safe`, `no`,
   * `full_refusal`, `coherent`, `grounded`) — i.e. a cheap filter clears the obvious negatives and the
   * expensive judge looks at the rest — or when the filter could not decide.
   */
  confirmWhen?: (first: JudgeScore) => boolean;
}

const defaultConfirmWhen = (s: JudgeScore): boolean => !clears(s.label);

/**
 * A first-pass filter (fast, e.g. `harm:learned`) and a confirming judge (e.g. an LLM judge) asked only when
 * the filter's verdict needs it. The confirming verdict wins; both are kept, and a disagreement is flagged.
 */
export function createCascadeJudge(filter: Judge, confirm: Judge, options: CascadeOptions = {}): Judge {
  const id = options.id ?? `cascade(${filter.id}>${confirm.id})`;
  const version = `${filter.id}@${filter.version}+${confirm.id}@${confirm.version}`;
  const needsConfirm = options.confirmWhen ?? defaultConfirmWhen;
  return {
    id,
    version,
    async score(input, signal): Promise<JudgeScore> {
      const first = await filter.score(input, signal);
      if (!needsConfirm(first)) return { ...first, judgeId: id, judgeVersion: version, members: [first] };
      const second = await confirm.score(input, signal);
      const decided = second.label !== UNKNOWN_LABEL;
      return {
        ...second,
        judgeId: id,
        judgeVersion: version,
        members: [first, second],
        disagreement: decided && first.label !== UNKNOWN_LABEL && first.label !== second.label,
        ...(!decided && { error: `confirming judge undecided: ${second.error ?? "no reason"}` }),
      };
    },
  };
}
