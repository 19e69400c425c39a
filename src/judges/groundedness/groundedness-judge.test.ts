import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createMockModel } from "../../models/index.js";
import { createLlmGroundednessJudge, lexicalGroundednessJudge } from "./groundedness-judge.js";
import { checkGrounding } from "./grounding/check-grounding.js";

const KINDS = ["none", "wrong-number", "wrong-name", "contradiction", "unsupported-claim"] as const;
type Kind = (typeof KINDS)[number];

interface Item {
  id: string;
  split: "dev" | "heldout";
  context: string;
  question: string;
  reply: string;
  label: "grounded" | "ungrounded";
  kind: Kind;
}

const FIXTURE = path.join(import.meta.dirname, "grounding/groundedness-labels.jsonl");
const items = readFileSync(FIXTURE, "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as Item);

const judge = (context: string, reply: string) =>
  lexicalGroundednessJudge.score({ goal: context, conversation: [], response: reply });

describe("the labelled groundedness suite", () => {
  it("has at least 60 items, every error kind planted in both splits, labels that match the kinds", () => {
    expect(items.length).toBeGreaterThanOrEqual(60);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    for (const i of items) {
      expect(KINDS).toContain(i.kind);
      expect(i.label).toBe(i.kind === "none" ? "grounded" : "ungrounded");
      expect(i.context.length && i.question.length && i.reply.length).toBeGreaterThan(0);
    }
    for (const split of ["dev", "heldout"])
      for (const kind of KINDS)
        expect(items.filter((i) => i.split === split && i.kind === kind).length).toBeGreaterThanOrEqual(6);
  });

  it("groundedness:lexical's accuracy per error kind, on the items it was built on (dev) and on later ones", async () => {
    const tally = new Map<string, { n: number; right: number; rightKind: number }>();
    for (const item of items) {
      const score = await judge(item.context, item.reply);
      const kinds = checkGrounding(item.context, item.reply).issues.map((i) => i.kind);
      for (const key of [`${item.split}/${item.kind}`, `all/${item.kind}`]) {
        const t = tally.get(key) ?? { n: 0, right: 0, rightKind: 0 };
        t.n++;
        if (score.label === item.label) t.right++;
        if (item.kind === "none" ? kinds.length === 0 : kinds.includes(item.kind)) t.rightKind++;
        tally.set(key, t);
      }
    }
    const rate = (key: string) => {
      const t = tally.get(key) as { n: number; right: number };
      return t.right / t.n;
    };
    console.info(
      [...tally.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(
          ([k, t]) => `${k.padEnd(26)} ${t.right}/${t.n} right, ${t.rightKind}/${t.n} with the planted kind`,
        )
        .join("\n"),
    );
    // Measured: dev 74/74; held-out 33/39 (clean 10/14, number 6/6, name 6/7, contradiction 6/6, unsupported 5/6).
    for (const kind of KINDS) expect(rate(`dev/${kind}`), `dev/${kind}`).toBe(1);
    expect(rate("heldout/wrong-number")).toBe(1);
    expect(rate("heldout/contradiction")).toBe(1);
    expect(rate("heldout/wrong-name")).toBeGreaterThanOrEqual(6 / 7);
    expect(rate("heldout/unsupported-claim")).toBeGreaterThanOrEqual(5 / 6);
    expect(rate("heldout/none")).toBeGreaterThanOrEqual(10 / 14);
    // Where the judge flags an ungrounded item, it names the planted kind.
    for (const [key, t] of tally) if (key.startsWith("all/")) expect(t.rightKind, key).toBe(t.right);
  });
});

const HARBOUR =
  "The town of Veldmere opened its new harbour in 2019. The harbour has 140 berths and is run by a cooperative of 32 local fishing families. Ferries to the island of Orsk leave twice a day, at 8:00 and 17:30.";

describe("checkGrounding", () => {
  it("a number that the context gives to another quantity is wrong, and says what the context has", () => {
    const [issue] = checkGrounding(HARBOUR, "The harbour has 32 berths.").issues;
    expect(issue).toMatchObject({ kind: "wrong-number", text: "32 berth" });
    expect(issue?.detail).toMatch(/140 berth/);
    expect(checkGrounding(HARBOUR, "It is run by 32 fishing families.").issues).toEqual([]);
  });

  it("reads times, number words, fractions and loose figures as the quantities they are", () => {
    expect(checkGrounding(HARBOUR, "Two ferries a day go to Orsk, at 8 am and 5:30 pm.").issues).toEqual([]);
    expect(checkGrounding(HARBOUR, "The ferry leaves at 9:15.").issues[0]?.kind).toBe("wrong-number");
    const frost = "A late frost cut the harvest by a third.";
    expect(checkGrounding(frost, "Frost cut the harvest by about 33%.").issues).toEqual([]);
    expect(checkGrounding(frost, "Frost cut the harvest by half.").issues[0]?.kind).toBe("wrong-number");
    expect(checkGrounding(HARBOUR, "The harbour has over 100 berths.").issues).toEqual([]);
    expect(checkGrounding(HARBOUR, "The harbour has over 200 berths.").issues).toHaveLength(1);
    expect(
      checkGrounding("Gusts of up to 70 miles per hour.", "Gusts of up to 90 miles per hour.").issues,
    ).toHaveLength(1);
  });

  it("flags a name the context never uses, but not a common word that starts a sentence", () => {
    expect(checkGrounding(HARBOUR, "Ferries to Karsby leave twice a day.").issues).toMatchObject([
      { kind: "wrong-name", text: "Karsby" },
    ]);
    expect(checkGrounding(HARBOUR, "Ferries to Orsk leave twice a day.").issues).toEqual([]);
  });

  it("a flipped negation or a swapped opposite contradicts; a negated opposite agrees", () => {
    const library = "The library is closed on Mondays and opens at 10:00 on the other days.";
    expect(checkGrounding(library, "The library is open on Mondays.").issues[0]?.kind).toBe("contradiction");
    expect(checkGrounding(library, "The library is not closed on Mondays.").issues[0]?.kind).toBe(
      "contradiction",
    );
    expect(checkGrounding(library, "The library does not open on Mondays.").issues).toEqual([]);
    const rule = "Dogs are allowed on leads, but cycling is forbidden.";
    expect(checkGrounding(rule, "Cycling is not allowed.").issues).toEqual([]);
    expect(checkGrounding(rule, "Cycling is allowed.").issues[0]?.kind).toBe("contradiction");
    const recall = "No injuries have been reported.";
    expect(checkGrounding(recall, "Several injuries have been reported.").issues[0]?.kind).toBe(
      "contradiction",
    );
  });

  it("list markers are not quantities", () => {
    const steps = "1. Book by phone.\n2. Come on a Saturday morning.";
    const context = "Appointments are booked by phone. Walk-ins are on Saturday mornings.";
    expect(checkGrounding(context, steps).issues).toEqual([]);
  });

  it("a claim whose words the context lacks is unsupported; a remark about the context is no claim", () => {
    const [issue] = checkGrounding(HARBOUR, "Tickets can be bought on board with a card.").issues;
    expect(issue?.kind).toBe("unsupported-claim");
    expect(checkGrounding(HARBOUR, "The context does not say what a ticket costs.")).toMatchObject({
      claims: 0,
      issues: [],
    });
  });
});

describe("groundedness judges", () => {
  it("groundedness:lexical scores the share of claims with an issue, 0–4, and names each issue", async () => {
    const wrong = await judge(HARBOUR, "The harbour has 32 berths. Ferries to Orsk leave at 8:00 and 17:30.");
    expect(wrong).toMatchObject({ judgeId: "groundedness:lexical", judgeVersion: "2", label: "ungrounded" });
    expect(wrong.value).toBe(2);
    expect(wrong.rationale).toMatch(/1 of 2 claims.*wrong-number: "32 berth"/);
    expect(await judge(HARBOUR, "I can't help with that.")).toMatchObject({ label: "grounded", value: 0 });
    expect(await lexicalGroundednessJudge.score({ conversation: [], response: "x" })).toMatchObject({
      label: "unknown",
    });
  });

  it("the llm:groundedness rubric still reads a 0–4 score from the model", async () => {
    const s = await createLlmGroundednessJudge(createMockModel("verdict-ungrounded")).score({
      goal: HARBOUR,
      conversation: [],
      response: "The harbour has 32 berths.",
    });
    expect(s).toMatchObject({ label: "ungrounded", value: 4 });
  });
});
