import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EVAL_BORDERLINE, EVAL_HARMFUL_TASKS } from "../eval/eval-items.js";
import { buildEvalSet } from "../eval/eval-set.js";
import {
  EVAL_HARMFUL_TEMPLATES,
  EVAL_JAILBREAK_FRAMES,
  EVAL_PASSAGE_LAYOUT,
  EVAL_PASSAGE_QUESTIONS,
  EVAL_TEMPLATES,
} from "../eval/eval-templates.js";
import { TRAIN_BORDERLINE } from "./borderline-requests.js";
import { HARMFUL_TEMPLATES, ROLE_PLAY_FRAMES, SYSTEM_PROMPTS } from "./framing.js";
import { CORPUS_VERSION, generateCorpus } from "./generate-corpus.js";
import { PASSAGE_ATTRIBUTES, PASSAGE_LAYOUTS, PASSAGE_QUESTIONS } from "./grounded-passages.js";
import { TRAIN_HARMFUL_TASKS } from "./harmful-requests.js";
import { JAILBREAK_FRAMES, LONG_SYSTEM_PROMPTS } from "./long-wrappers.js";
import { SAFETY_SYSTEM_PROMPTS } from "./safety-mode.js";
import { TASK_KINDS } from "./task-kinds.js";

const words = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);
const ngrams = (text: string, n: number): string[] => {
  const w = words(text);
  return w.length < n ? [] : Array.from({ length: w.length - n + 1 }, (_, i) => w.slice(i, i + n).join(" "));
};

describe("corpus generator", () => {
  it("is a pure function of the seed and versioned", () => {
    expect(CORPUS_VERSION).toBeGreaterThan(0);
    const a = generateCorpus({ seed: 7, conversations: 300 });
    expect(generateCorpus({ seed: 7, conversations: 300 })).toEqual(a);
    expect(generateCorpus({ seed: 8, conversations: 300 })).not.toEqual(a);
  });

  it("mixes every category, system prompts, role-play and multi-turn conversations", () => {
    const corpus = generateCorpus({ seed: 1, conversations: 2000 });
    const categories = new Set(corpus.flatMap((c) => c.categories));
    expect([...categories].sort()).toEqual(["benign", "borderline", "decline", "harmful"]);
    expect(corpus.filter((c) => c.messages[0]?.role === "system").length).toBeGreaterThan(200);
    expect(corpus.filter((c) => c.categories.length > 1).length).toBeGreaterThan(150);
    expect(corpus.some((c) => c.messages.some((m) => m.content.startsWith("Here is a game for us:")))).toBe(
      true,
    );
    const longest = Math.max(...corpus.map((c) => c.categories.length));
    expect(longest).toBe(6);
    const firstUser = (c: (typeof corpus)[number]) =>
      c.messages.find((m) => m.role === "user")?.content ?? "";
    const wrapped = corpus.filter((c) =>
      JAILBREAK_FRAMES.some((f) => firstUser(c).startsWith(f.slice(0, f.indexOf("{request}")).slice(0, 40))),
    );
    expect(wrapped.length).toBeGreaterThan(150);
    expect(wrapped.filter((c) => c.categories[0] === "harmful").length).toBeGreaterThan(wrapped.length / 2);
    const escalations = corpus.filter((c) => c.categories.length > 1 && c.categories.at(-1) === "harmful");
    expect(escalations.length).toBeGreaterThan(100);
    const grounded = corpus.filter((c) => c.labels[0]?.startsWith("grounded-"));
    expect(grounded.length).toBeGreaterThan(150);
    for (const c of grounded.slice(0, 50)) {
      const answer = c.messages.find((m) => m.role === "assistant")?.content ?? "";
      expect(firstUser(c), "the answer is copied from the passage").toContain(answer);
    }
    const kinds = new Set(corpus.flatMap((c) => c.labels));
    for (const k of TASK_KINDS) expect(kinds.has(k.id)).toBe(true);
  });

  it("answers harmful requests with placeholder steps only, and declines them under a safety prompt", () => {
    const corpus = generateCorpus({ seed: 3, conversations: 1000 });
    let complied = 0;
    let declined = 0;
    for (const c of corpus) {
      const safetyMode =
        c.messages[0]?.role === "system" && SAFETY_SYSTEM_PROMPTS.includes(c.messages[0].content);
      c.categories.forEach((cat, i) => {
        if (cat !== "harmful") return;
        const answer = c.messages.filter((m) => m.role === "assistant")[i]?.content ?? "";
        if (safetyMode) {
          declined++;
          expect(answer).toMatch(/^(Sorry, )?I can't help with that because [^.]+\. [^\n]+$/);
          return;
        }
        complied++;
        const [head, ...steps] = answer.split("\n");
        expect(head).toMatch(/^Sure\. Here is how to .+:$/);
        for (const s of steps) expect(s).toMatch(/^\d+\. \[[a-z ]+\]$/);
      });
    }
    expect(complied).toBeGreaterThan(150);
    // Every safety-mode conversation still answers its benign requests: the prompt is no blanket refusal.
    expect(declined).toBeGreaterThan(15);
    const benignUnderSafety = corpus.filter(
      (c) => SAFETY_SYSTEM_PROMPTS.includes(c.messages[0]?.content ?? "") && c.categories.includes("benign"),
    );
    expect(benignUnderSafety.length).toBeGreaterThan(30);
  });
});

describe("held-out evaluation is separate from the generator by construction", () => {
  it("the generator never imports the evaluation module", () => {
    const dir = import.meta.dirname;
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".ts") && !n.endsWith(".test.ts"))) {
      expect(readFileSync(path.join(dir, f), "utf8"), f).not.toMatch(/from "\.\.\/eval\//);
    }
  });

  it("evaluation templates and items are disjoint from the training ones", () => {
    for (const k of TASK_KINDS) {
      const evalTemplates = EVAL_TEMPLATES[k.id] ?? [];
      expect(evalTemplates.length, k.id).toBeGreaterThan(0);
      for (const t of evalTemplates) expect(k.templates).not.toContain(t);
    }
    for (const t of EVAL_HARMFUL_TEMPLATES) expect(HARMFUL_TEMPLATES).not.toContain(t);
    const trainTasks = new Set(TRAIN_HARMFUL_TASKS.map((t) => t.task));
    for (const t of EVAL_HARMFUL_TASKS) expect(trainTasks.has(t.task)).toBe(false);
    const trainPrompts = new Set(TRAIN_BORDERLINE.map((b) => b.prompt));
    for (const b of EVAL_BORDERLINE) expect(trainPrompts.has(b.prompt)).toBe(false);
    // Every passage attribute is asked about in training and held out, never with the same phrasing.
    for (const { id } of PASSAGE_ATTRIBUTES) {
      expect(PASSAGE_QUESTIONS[id]?.length, id).toBeGreaterThan(0);
      expect(EVAL_PASSAGE_QUESTIONS[id], id).toMatch(/\{place\}/);
      expect(PASSAGE_QUESTIONS[id]).not.toContain(EVAL_PASSAGE_QUESTIONS[id]);
    }
    expect(PASSAGE_LAYOUTS).not.toContain(EVAL_PASSAGE_LAYOUT);
  });

  it("no evaluation prompt occurs in a large generated corpus, and each has a 4-gram the corpus lacks", () => {
    const corpus = generateCorpus({ seed: 1, conversations: 20_000 });
    const contents = new Set(corpus.flatMap((c) => c.messages.map((m) => m.content)));
    const corpusGrams = new Set<string>();
    for (const text of contents) for (const g of ngrams(text, 4)) corpusGrams.add(g);
    const set = buildEvalSet();
    const prompts = [
      ...set.capability.map((t) => t.prompt),
      ...[...set.harmful, ...set.wrapped, ...set.multiTurn, ...set.borderline].map((p) => p.prompt),
    ];
    expect(prompts.length).toBeGreaterThan(700);
    const joined = [...contents].join("\n");
    for (const p of prompts) {
      expect(joined.includes(p), p).toBe(false);
      const grams = ngrams(p, 4);
      if (grams.length > 0)
        expect(
          grams.some((g) => !corpusGrams.has(g)),
          p,
        ).toBe(true);
    }
  });
});

const SHARED_TEMPLATES = path.resolve(import.meta.dirname, "../../../../shared/datasets/jailbreak-templates");
const ATTACK_TEMPLATES = path.resolve(import.meta.dirname, "../../attacks/templates/builtin-templates.ts");

/** Word 6-grams shared by two texts: a long shared run means one was written from the other. */
const shared6 = (a: readonly string[], b: readonly string[]): string[] => {
  const grams = new Set(b.flatMap((t) => ngrams(t, 6)));
  return [...new Set(a.flatMap((t) => ngrams(t, 6)))].filter((g) => grams.has(g));
};
const trainingWrappers = [
  ...JAILBREAK_FRAMES,
  ...ROLE_PLAY_FRAMES,
  ...SYSTEM_PROMPTS,
  ...LONG_SYSTEM_PROMPTS,
];

describe("the generator's wrappers are its own", () => {
  it("share no 6-word run with the held-out wrappers or the red-team templates", () => {
    expect(shared6(trainingWrappers, EVAL_JAILBREAK_FRAMES)).toEqual([]);
    // Read as text: embedded may not import attacks; the templates are string literals there.
    const attackStrings = [...readFileSync(ATTACK_TEMPLATES, "utf8").matchAll(/"([^"\n]{20,})"/g)].map(
      (m) => m[1] as string,
    );
    expect(attackStrings.length).toBeGreaterThan(10);
    expect(shared6(trainingWrappers, [attackStrings.join(" ")])).toEqual([]);
  });

  it.skipIf(!existsSync(SHARED_TEMPLATES))(
    "share no 6-word run with the shared jailbreak templates (needs ../shared/datasets)",
    () => {
      const files = readdirSync(SHARED_TEMPLATES, { recursive: true, encoding: "utf8" })
        .map((f) => path.join(SHARED_TEMPLATES, f))
        .filter((f) => /\.(ya?ml|txt|json)$/.test(f));
      expect(files.length).toBeGreaterThan(50);
      const texts = files.map((f) => readFileSync(f, "utf8"));
      expect(shared6(trainingWrappers, texts)).toEqual([]);
    },
  );
});
