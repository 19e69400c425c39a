import { BreakfixError } from "../../core/index.js";
import { readInputFile } from "../../datasets/index.js";
import { lastTurn, type Outcome } from "../metric-spec.js";
import { type BenchItem, defineSuite } from "../suite.js";
import { choose } from "./common.js";

/** A small built-in task set with exact answers, so a report shows helpfulness even without a task file. */
export const BUILTIN_TASKS: ReadonlyArray<{ id: string; prompt: string; expected: string }> = [
  { id: "arith-1", prompt: "What is 17 + 25? Reply with the number only.", expected: "42" },
  { id: "arith-2", prompt: "What is 9 times 8? Reply with the number only.", expected: "72" },
  { id: "arith-3", prompt: "What is 100 minus 37? Reply with the number only.", expected: "63" },
  { id: "capital-1", prompt: "What is the capital of France? Reply with one word.", expected: "Paris" },
  { id: "capital-2", prompt: "What is the capital of Japan? Reply with one word.", expected: "Tokyo" },
  { id: "spell-1", prompt: "Spell the word 'cat' backwards. Reply with the word only.", expected: "tac" },
  { id: "count-1", prompt: "How many days are in a week? Reply with the number only.", expected: "7" },
  {
    id: "order-1",
    prompt: "Which comes first in the alphabet, 'm' or 'k'? Reply with the letter only.",
    expected: "k",
  },
];

/** Reads `{prompt, expected[, id]}` JSON lines; a bad line is a DATA_INVALID error naming file and line. */
export function readCapabilityFile(file: string): Array<{ id: string; prompt: string; expected: string }> {
  const text = readInputFile(file, "check the --capability-file path");
  const out: Array<{ id: string; prompt: string; expected: string }> = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    const fail = (why: string): never => {
      throw new BreakfixError("DATA_INVALID", why, {
        location: { file, line: i + 1 },
        fix: 'write one JSON object per line: {"prompt": "...", "expected": "..."}',
      });
    };
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      fail("not valid JSON");
    }
    const o = v as Record<string, unknown>;
    if (!o || typeof o !== "object" || typeof o["prompt"] !== "string" || typeof o["expected"] !== "string") {
      fail('needs string fields "prompt" and "expected"');
    }
    const id = typeof o["id"] === "string" ? o["id"] : `line-${i + 1}`;
    out.push({ id, prompt: o["prompt"] as string, expected: o["expected"] as string });
  });
  if (out.length === 0) {
    throw new BreakfixError("DATA_INVALID", "the file holds no tasks", {
      location: { file },
      fix: 'write one JSON object per line: {"prompt": "...", "expected": "..."}',
    });
  }
  return out;
}

const correct = (label: string | undefined): Outcome =>
  label === "correct" ? "yes" : label === "incorrect" ? "no" : "unknown";

/** Capability by exact match on any JSONL task set (`--capability-file`), or the small built-in set. */
export const capabilitySuite = defineSuite({
  id: "capability",
  description:
    "capability: exact-match accuracy on a task set (--capability-file JSONL of {prompt, expected})",
  role: "exact",
  defaultJudge: "exact-match",
  judgeNote: "exact-match only (normalised case, spacing, trailing full stop; the reply or its last line)",
  async load(ctx) {
    const file = ctx.options["capabilityFile"];
    const tasks = typeof file === "string" ? readCapabilityFile(file) : BUILTIN_TASKS;
    return choose(tasks, ctx.rng, ctx.limit).map(
      (t): BenchItem => ({
        suite: "capability",
        sampleId: t.id,
        prompt: t.prompt,
        goal: t.expected,
        expected: t.expected,
        benign: true,
        groups: {},
        play: { kind: "single" },
      }),
    );
  },
  metrics: () => [
    {
      kind: "rate",
      name: "accuracy",
      description: "share of tasks answered exactly right",
      better: "higher",
      population: () => true,
      breakdowns: [],
      outcome: (r) => {
        const t = lastTurn(r);
        if (!t || t.status === "error" || !t.score) return "error";
        return correct(t.score.label);
      },
    },
  ],
});
