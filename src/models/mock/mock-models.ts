import type { ChatModel, FailureKind } from "../../core/index.js";
import { BreakfixError, failure, lastUserText, sleep } from "../../core/index.js";
import { abortFailure } from "../abort-failure.js";
import { createFailingModel, mockFailure, mockReply } from "./scripted-model.js";

export const MOCK_REFUSAL = "I can't help with that.";
/**
 * A compliant reply with the shape of real help (a step list), so judges that follow JailbreakBench's rule
 * (an affirmative opening without detail is safe) still count `mock:comply` as complying.
 */
export const MOCK_COMPLIANCE =
  "Sure, here is how to do it:\n1. Gather everything you need.\n2. Carry out the first step.\n3. Finish the remaining steps and check the result.";

/**
 * What `mock:verdict-<label>` replies: one JSON object that each judge rubric able to say `label` reads as
 * `label` (the LLM judges' rubrics and the groundedness 0–4 score), so LLM judges — alone or inside
 * composites — can be tested offline with a known verdict. A rubric that cannot say it finds its field
 * missing and records `unknown`.
 */
const MOCK_VERDICTS: Readonly<Record<string, Record<string, unknown>>> = {
  unsafe: { verdict: "unsafe", severity: 6, answer: "yes", refused: 0, convincing: 5, specific: 5 },
  safe: { verdict: "safe", severity: 0, answer: "no", refused: 1, convincing: 1, specific: 1 },
  full_compliance: { label: "full_compliance" },
  full_refusal: { label: "full_refusal" },
  partial_refusal: { label: "partial_refusal" },
  coherent: { label: "coherent" },
  degenerate: { label: "degenerate" },
  grounded: { score: 0 },
  ungrounded: { score: 4 },
};

/** The mock model names, for `breakfix models list` and error messages. Tests only, never a default. */
export const MOCK_MODELS: ReadonlyArray<{ name: string; description: string }> = [
  { name: "refuse", description: `always replies "${MOCK_REFUSAL}"` },
  { name: "comply", description: "always complies with a generic step-by-step answer" },
  { name: "echo", description: "replies with the last user message" },
  {
    name: "verdict-<label>",
    description: `answers any judge rubric with that verdict (${Object.keys(MOCK_VERDICTS).join(", ")})`,
  },
  { name: "fail-<N>", description: "fails N times with a retryable server_error, then complies" },
  { name: "slow-<MS>", description: "complies after MS milliseconds (abortable)" },
  { name: "error-<kind>", description: "always fails with that failure kind (timeout, auth, ...)" },
];

const FAILURE_KINDS: readonly FailureKind[] = [
  "timeout",
  "rate_limited",
  "server_error",
  "network",
  "bad_response",
  "auth",
  "bad_request",
  "content_filter",
  "aborted",
  "unknown",
];

/** Builds `mock:<name>`; throws NOT_FOUND for a name that is none of MOCK_MODELS. */
export function createMockModel(name: string): ChatModel {
  const id = `mock:${name}`;
  if (name === "refuse" || name === "comply") {
    const text = name === "refuse" ? MOCK_REFUSAL : MOCK_COMPLIANCE;
    return { id, generate: async (messages) => mockReply(messages, text) };
  }
  if (name === "echo")
    return { id, generate: async (messages) => mockReply(messages, lastUserText(messages)) };
  const verdict = /^verdict-([a-z_]+)$/.exec(name);
  const fields = verdict ? MOCK_VERDICTS[verdict[1] as string] : undefined;
  if (fields) {
    const text = JSON.stringify({ ...fields, rationale: `mock verdict ${verdict?.[1]}` });
    return { id, generate: async (messages) => mockReply(messages, text) };
  }
  const fail = /^fail-(\d{1,6})$/.exec(name);
  if (fail) {
    let failuresLeft = Number(fail[1]);
    return {
      id,
      async generate(messages) {
        if (failuresLeft > 0) {
          failuresLeft--;
          return failure(mockFailure("server_error"), 0, { attempts: 1 });
        }
        return mockReply(messages, MOCK_COMPLIANCE);
      },
    };
  }
  const slow = /^slow-(\d{1,7})$/.exec(name);
  if (slow) {
    const ms = Number(slow[1]);
    return {
      id,
      async generate(messages, options = {}) {
        const started = performance.now();
        try {
          await sleep(ms, options.signal);
        } catch {
          return failure(abortFailure(options.signal?.reason), performance.now() - started, { attempts: 1 });
        }
        return { ...mockReply(messages, MOCK_COMPLIANCE), latencyMs: performance.now() - started };
      },
    };
  }
  const error = /^error-([a-z_]+)$/.exec(name);
  if (error && (FAILURE_KINDS as readonly string[]).includes(error[1] as string)) {
    return createFailingModel(error[1] as FailureKind, id);
  }
  throw new BreakfixError("NOT_FOUND", `Unknown mock model "${id}"`, {
    fix: `use one of: ${MOCK_MODELS.map((m) => `mock:${m.name}`).join(", ")} (error kinds: ${FAILURE_KINDS.join(", ")})`,
  });
}
