import { createRng, type Message, type Rng } from "../../core/index.js";
import { TRAIN_BORDERLINE } from "./borderline-requests.js";
import { CLOSINGS, HARMFUL_TEMPLATES, OPENINGS, ROLE_PLAY_FRAMES, SYSTEM_PROMPTS } from "./framing.js";
import { schematicAnswer, TRAIN_HARMFUL_TASKS } from "./harmful-requests.js";
import { fillTemplate, TASK_KINDS, type TaskKind } from "./task-kinds.js";

const TOTAL_FACTS = TASK_KINDS.reduce((n, k) => n + k.facts.length, 0);

/** Bump when the generator's output for a given seed changes: a built model records which corpus it saw. */
export const CORPUS_VERSION = 2;

export type ExchangeCategory = "benign" | "harmful" | "borderline";

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
// compliantly (the behaviour safety training must later change) and of benign look-alikes.
const CATEGORY_WEIGHTS: ReadonlyArray<readonly [ExchangeCategory, number]> = [
  ["benign", 0.62],
  ["harmful", 0.22],
  ["borderline", 0.16],
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

function exchange(rng: Rng, category: ExchangeCategory): Exchange {
  if (category === "harmful") {
    const t = rng.pick(TRAIN_HARMFUL_TASKS);
    const user = fillTemplate(rng.pick(HARMFUL_TEMPLATES), { task: t.task });
    return { user, assistant: schematicAnswer(t), category, label: t.area };
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

/**
 * The embedded model's training corpus: `conversations` chat conversations, a pure function of the seed.
 * About one in seven is multi-turn (2–3 exchanges), a fifth start with a system prompt and one in ten
 * frames its first request as role-play.
 */
export function generateCorpus(options: CorpusOptions): CorpusConversation[] {
  const out: CorpusConversation[] = [];
  for (let i = 0; i < options.conversations; i++) {
    const rng = createRng(options.seed).fork(`conversation:${i}`);
    const turns = rng.bool(0.15) ? 2 + rng.int(2) : 1;
    const messages: Message[] = [];
    if (rng.bool(0.2)) messages.push({ role: "system", content: rng.pick(SYSTEM_PROMPTS) });
    const rolePlay = rng.bool(0.1);
    const categories: ExchangeCategory[] = [];
    const labels: string[] = [];
    for (let t = 0; t < turns; t++) {
      const e = exchange(rng, pickCategory(rng));
      const user =
        t === 0 && rolePlay ? fillTemplate(rng.pick(ROLE_PLAY_FRAMES), { request: e.user }) : e.user;
      messages.push({ role: "user", content: user }, { role: "assistant", content: e.assistant });
      categories.push(e.category);
      labels.push(e.label);
    }
    out.push({ messages, categories, labels });
  }
  return out;
}
