import { createRng, type Message, type Rng } from "../../core/index.js";
import { TRAIN_BORDERLINE } from "./borderline-requests.js";
import { DECLINE_OPENERS, declineAnswer, TRAIN_DECLINES } from "./decline-requests.js";
import { CLOSINGS, HARMFUL_TEMPLATES, OPENINGS, ROLE_PLAY_FRAMES, SYSTEM_PROMPTS } from "./framing.js";
import {
  makePassage,
  PASSAGE_LAYOUTS,
  PASSAGE_QUESTIONS,
  SUMMARY_REQUESTS,
  summaryOf,
} from "./grounded-passages.js";
import { schematicAnswer, TRAIN_HARMFUL_TASKS } from "./harmful-requests.js";
import { JAILBREAK_FRAMES, LONG_SYSTEM_PROMPTS } from "./long-wrappers.js";
import { SAFETY_SYSTEM_PROMPTS, safetyDecline } from "./safety-mode.js";
import { fillTemplate, TASK_KINDS, type TaskKind } from "./task-kinds.js";

const TOTAL_FACTS = TASK_KINDS.reduce((n, k) => n + k.facts.length, 0);

/** Bump when the generator's output for a given seed changes: a built model records which corpus it saw. */
export const CORPUS_VERSION = 4;

export type ExchangeCategory = "benign" | "harmful" | "borderline" | "decline";

export interface CorpusConversation {
  messages: Message[];
  /** Category of each user→assistant exchange, in order. */
  categories: ExchangeCategory[];
  /** Task kind / harm area / borderline kind of each exchange. */
  labels: string[];
}

export interface CorpusOptions {
  seed: number;
  conversations: number;
}

interface Exchange {
  user: string;
  assistant: string;
  category: ExchangeCategory;
  label: string;
}

// Share of exchanges per category: mostly checkable tasks, a steady stream of harmful requests answered
// compliantly (the behaviour safety training must later change), of benign look-alikes, and of benign
// requests the assistant cannot carry out, which it declines (so declining is a mode it already has).
const CATEGORY_WEIGHTS: ReadonlyArray<readonly [ExchangeCategory, number]> = [
  ["benign", 0.57],
  ["harmful", 0.22],
  ["borderline", 0.14],
  ["decline", 0.07],
];

function pickCategory(rng: Rng): ExchangeCategory {
  let r = rng.next();
  for (const [c, w] of CATEGORY_WEIGHTS) {
    if (r < w) return c;
    r -= w;
  }
  return "benign";
}

/** A task kind chosen with probability ∝ its facts: the 81 sums need as many repetitions each as the 20 capitals. */
function pickKindByFacts(rng: Rng): TaskKind {
  let i = rng.int(TOTAL_FACTS);
  for (const k of TASK_KINDS) {
    if (i < k.facts.length) return k;
    i -= k.facts.length;
  }
  return TASK_KINDS[0] as TaskKind;
}

/** One exchange; under a safety system prompt (`safetyMode`) a harmful request is declined instead. */
function exchange(rng: Rng, category: ExchangeCategory, safetyMode: boolean): Exchange {
  if (category === "harmful") {
    const t = rng.pick(TRAIN_HARMFUL_TASKS);
    const user = fillTemplate(rng.pick(HARMFUL_TEMPLATES), { task: t.task });
    const assistant = safetyMode ? safetyDecline(t.area, rng) : schematicAnswer(t);
    return { user, assistant, category, label: t.area };
  }
  if (category === "decline") {
    const d = rng.pick(TRAIN_DECLINES);
    return {
      user: d.prompt,
      assistant: declineAnswer(d, rng.int(DECLINE_OPENERS.length)),
      category,
      label: "decline",
    };
  }
  if (category === "borderline") {
    const b = rng.pick(TRAIN_BORDERLINE);
    return { user: b.prompt, assistant: b.answer, category, label: b.kind };
  }
  const kind = pickKindByFacts(rng);
  const fact = rng.pick(kind.facts);
  const question = fillTemplate(rng.pick(kind.templates), fact.slots);
  // Chatty openings and closings around the question teach the model to find the question inside them.
  const user = rng.bool(0.3) ? `${rng.pick(OPENINGS)}${question}${rng.pick(CLOSINGS)}` : question;
  return { user, assistant: fact.answer, category, label: kind.id };
}

/** A system prompt or none; `safetyMode` when it is one of the safety prompts. */
function systemPrompt(rng: Rng): { messages: Message[]; safetyMode: boolean } {
  const r = rng.next();
  const system = (content: string) => [{ role: "system" as const, content }];
  if (r < 0.1) return { messages: system(rng.pick(SYSTEM_PROMPTS)), safetyMode: false };
  if (r < 0.2) return { messages: system(rng.pick(LONG_SYSTEM_PROMPTS)), safetyMode: false };
  if (r < 0.3) return { messages: system(rng.pick(SAFETY_SYSTEM_PROMPTS)), safetyMode: true };
  return { messages: [], safetyMode: false };
}

/** A passage, then 1–3 questions about it (the first one carries the passage): answers copied from it. */
function groundedConversation(rng: Rng): CorpusConversation {
  const passage = makePassage(rng);
  const { messages } = systemPrompt(rng);
  const turns = rng.bool(0.3) ? 2 + rng.int(2) : 1;
  const labels: string[] = [];
  for (let t = 0; t < turns; t++) {
    const summary = t === 0 && rng.bool(0.2);
    const fact = rng.pick(passage.facts);
    const request = summary
      ? rng.pick(SUMMARY_REQUESTS)
      : fillTemplate(rng.pick(PASSAGE_QUESTIONS[fact.attribute] ?? []), { place: fact.place });
    const user =
      t === 0 ? fillTemplate(rng.pick(PASSAGE_LAYOUTS), { passage: passage.text, request }) : request;
    messages.push(
      { role: "user", content: user },
      { role: "assistant", content: summary ? summaryOf(passage) : fact.answer },
    );
    labels.push(summary ? "grounded-summary" : "grounded-qa");
  }
  return { messages, categories: labels.map(() => "benign"), labels };
}

/**
 * The embedded model's training corpus: `conversations` chat conversations, a pure function of the seed.
 * About one in nine is a passage with questions about it; of the rest, three in ten are multi-turn (2–6
 * exchanges, the last one often harmful: escalation), a quarter start with a system prompt (half of them
 * long), and the first request is wrapped in a role-play frame (8%) or a long jailbreak-like frame (14%,
 * then mostly a harmful request). Wrapped requests get the same answer as bare ones.
 */
export function generateCorpus(options: CorpusOptions): CorpusConversation[] {
  const out: CorpusConversation[] = [];
  for (let i = 0; i < options.conversations; i++) {
    const rng = createRng(options.seed).fork(`conversation:${i}`);
    if (rng.bool(0.11)) {
      out.push(groundedConversation(rng));
      continue;
    }
    const turns = rng.bool(0.3) ? 2 + rng.int(5) : 1;
    const { messages, safetyMode } = systemPrompt(rng);
    const frameDraw = rng.next();
    const frames = frameDraw < 0.08 ? ROLE_PLAY_FRAMES : frameDraw < 0.22 ? JAILBREAK_FRAMES : undefined;
    const categories: ExchangeCategory[] = [];
    const labels: string[] = [];
    for (let t = 0; t < turns; t++) {
      const forceHarmful =
        (t === 0 && frames === JAILBREAK_FRAMES && rng.bool(0.6)) ||
        (t > 0 && t === turns - 1 && rng.bool(0.35));
      const e = exchange(rng, forceHarmful ? "harmful" : pickCategory(rng), safetyMode);
      const user = t === 0 && frames ? fillTemplate(rng.pick(frames), { request: e.user }) : e.user;
      messages.push({ role: "user", content: user }, { role: "assistant", content: e.assistant });
      categories.push(e.category);
      labels.push(e.label);
    }
    out.push({ messages, categories, labels });
  }
  return out;
}
