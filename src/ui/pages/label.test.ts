import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../../../test/helpers/run-cli.js";
import type { JudgeScore } from "../../core/index.js";
import { createUiApp } from "../http/ui-app.js";
import { HUGE_REPLY } from "../testing/seeded-store.js";
import { tempUiContext } from "../testing/ui-test-kit.js";
import { exportRows, labelAgreement } from "./label-agreement.js";
import { buildQueue, disagreementReasons } from "./label-queue.js";

let ui: Awaited<ReturnType<typeof tempUiContext>>;
let app: ReturnType<typeof createUiApp>;

const verdict = (judgeId: string, label: string, value?: number, more: Partial<JudgeScore> = {}) => ({
  judgeId,
  judgeVersion: "1",
  label,
  value,
  ...more,
});

/** Puts one generation with the given verdicts (status ok unless `error`). */
function plant(
  runId: string,
  itemId: string,
  o: {
    attempt?: number;
    turn?: number;
    reply?: string;
    prompt?: string;
    scores?: JudgeScore[];
    error?: boolean;
  } = {},
) {
  const store = ui.env.store;
  const key = { runId, itemId, attempt: o.attempt ?? 0, turn: o.turn ?? 0 };
  store.generations.put({
    ...key,
    modelId: "mock:fixed",
    messages: [
      { role: "system", content: "Be helpful." },
      { role: "user", content: o.prompt ?? `prompt of ${itemId}` },
    ],
    result: o.error
      ? { ok: false, error: { kind: "timeout", message: "slow", retryable: true }, latencyMs: 1 }
      : { ok: true, text: o.reply ?? `reply to ${itemId}`, finishReason: "stop", latencyMs: 1 },
  });
  for (const score of o.scores ?? []) store.scores.put({ ...key, score });
  return key;
}

const FC = "full_compliance";
const FR = "full_refusal";
const PR = "partial_refusal";

beforeAll(async () => {
  ui = await tempUiContext();
  app = createUiApp(ui, { policy: { hosts: undefined } });
  const s = ui.env.store;
  s.runs.start({ id: "bench-a", kind: "bench", name: "bench a" });
  // Four replies two judges scored; the human labels below are FC, FR, FR, PR.
  plant("bench-a", "i1", { scores: [verdict("refusal:learned", FC, 0.1), verdict("refusal:strmatch", FC)] });
  plant("bench-a", "i2", { scores: [verdict("refusal:learned", FR, 0.95), verdict("refusal:strmatch", FR)] });
  plant("bench-a", "i3", { scores: [verdict("refusal:learned", FC, 0.45), verdict("refusal:strmatch", FR)] });
  plant("bench-a", "i4", {
    reply: HUGE_REPLY,
    scores: [
      verdict("refusal:learned", PR, 0.8),
      verdict("ensemble:any(a,b)", FR, undefined, {
        disagreement: true,
        members: [verdict("refusal:learned", PR), verdict("refusal:strmatch", FR)],
      }),
    ],
  });
  plant("bench-a", "i5", { error: true });
  plant("bench-a", "i1#attacker", { scores: [verdict("refusal:learned", FC)] });
  s.runs.start({ id: "camp-a", kind: "redteam", name: "campaign a" });
  for (const [attempt, turns] of [
    [0, 2],
    [1, 1],
  ] as const) {
    for (let turn = 0; turn < turns; turn++)
      plant("camp-a", "obj-1", { attempt, turn, scores: [verdict("harm:learned", "unsafe", 0.55)] });
    s.attacks.put({
      runId: "camp-a",
      objectiveId: "obj-1",
      attempt,
      strategy: "crescendo",
      converters: [],
      outcome: "success",
      transcript: [],
      queries: turns,
      scores: [],
    });
  }
  plant("camp-a", "obj-1#attacker", { scores: [verdict("harm:learned", "unsafe", 0.5)] });
});
afterAll(async () => {
  await ui?.dispose();
});

const post = (body: unknown, contentType = "application/json") =>
  app.request("/api/labels", {
    method: "POST",
    headers: { "content-type": contentType },
    body: JSON.stringify(body),
  });
const ref = (itemId: string, runId = "bench-a") => ({ runId, itemId, attempt: 0, turn: 0 });

describe("labelling queues", () => {
  it("from a run: its answered target replies, with every judge's verdict (members too), long replies cut", () => {
    const q = buildQueue(ui.env.store, { kind: "run", runId: "bench-a" }, "refusal");
    expect(q.map((i) => i.ref.itemId)).toEqual(["i1", "i2", "i3", "i4"]);
    expect(q[0]?.prompt).toBe("prompt of i1");
    expect(q[2]?.judges).toEqual([
      { judge: "refusal:learned", label: FC, inSpace: FC, value: 0.45 },
      { judge: "refusal:strmatch", label: FR, inSpace: FR, value: undefined },
    ]);
    expect(q[3]?.judges.map((j) => j.judge)).toEqual([
      "refusal:learned",
      "ensemble:any(a,b)",
      "refusal:strmatch",
    ]);
    expect(q[3]?.chars).toBe(HUGE_REPLY.length);
    expect(q[3]?.response.length).toBe(20_000);
  });

  it("from a campaign: one sample per attempt, its last query", () => {
    const q = buildQueue(ui.env.store, { kind: "campaign", runId: "camp-a" }, "binary");
    expect(q.map((i) => [i.ref.attempt, i.ref.turn])).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(q[0]?.judges).toEqual([
      { judge: "harm:learned", label: "unsafe", inSpace: "unsafe", value: 0.55 },
    ]);
  });

  it("the disagreement filter: members disagree, two judges disagree, or a judge is unsure", () => {
    const q = buildQueue(ui.env.store, { kind: "disagreement", margin: 0.1 }, "refusal");
    expect(q.map((i) => [i.ref.itemId, i.reasons])).toEqual([
      [
        "i3",
        [
          "judges disagree: refusal:learned full_compliance, refusal:strmatch full_refusal",
          "refusal:learned unsure (0.45)",
        ],
      ],
      [
        "i4",
        [
          "members of ensemble:any(a,b) disagree",
          "judges disagree: refusal:learned partial_refusal, ensemble:any(a,b) full_refusal",
        ],
      ],
    ]);
    // Newest run first. In safe/unsafe, i4's judges all say safe but the composite recorded its members' disagreement, and the
    // campaign's harm judge is unsure (0.55) on every query.
    const binary = buildQueue(ui.env.store, { kind: "disagreement", margin: 0.1 }, "binary");
    expect(binary.map((i) => `${i.ref.runId}/${i.ref.itemId}@${i.ref.attempt}.${i.ref.turn}`)).toEqual([
      "camp-a/obj-1@0.0",
      "camp-a/obj-1@0.1",
      "camp-a/obj-1@1.0",
      "bench-a/i3@0.0",
      "bench-a/i4@0.0",
    ]);
    const narrow = buildQueue(
      ui.env.store,
      { kind: "disagreement", runId: "camp-a", margin: 0.01 },
      "binary",
    );
    expect(narrow).toEqual([]);
    expect(
      disagreementReasons([verdict("x", "unknown", undefined, { error: "timeout" }) as never], "binary", 0.1),
    ).toEqual(["x could not decide"]);
  });
});

describe("POST /api/labels", () => {
  it("refuses a bad label for the space, a bad reference, no name, an unknown sample and text/plain", async () => {
    const bad = await post({ ref: ref("i1"), space: "refusal", labeller: "ana", label: "unsafe" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: "label must be one of full_compliance, full_refusal, partial_refusal in the refusal space",
    });
    const cases = [
      { ref: ref("i1"), space: "binary", labeller: "ana", label: FC },
      { ref: { ...ref("i1"), attempt: -1 }, space: "refusal", labeller: "ana", label: FC },
      { ref: { runId: "bench-a" }, space: "refusal", labeller: "ana", label: FC },
      { ref: ref("i1"), space: "exact", labeller: "ana", label: "correct" },
      { ref: ref("i1"), space: "refusal", labeller: "  ", label: FC },
      "just a string",
    ];
    for (const body of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      expect(((await res.json()) as { error: unknown }).error).toEqual(expect.any(String));
    }
    expect((await post({ ref: ref("nope"), space: "refusal", labeller: "ana", label: FC })).status).toBe(404);
    expect((await post({ ref: ref("i5"), space: "refusal", labeller: "ana", label: FC })).status).toBe(404);
    expect(
      (await post({ ref: ref("i1"), space: "refusal", labeller: "ana", label: FC }, "text/plain")).status,
    ).toBe(415);
    expect(ui.env.store.labels.list()).toEqual([]);
  });

  it("stores labels; relabelling updates the row, and the response carries the agreement so far", async () => {
    const give = async (itemId: string, label: string) =>
      (await (await post({ ref: ref(itemId), space: "refusal", labeller: "ana", label })).json()) as {
        saved: string;
        agreement: ReturnType<typeof labelAgreement>;
      };
    expect((await give("i1", FR)).saved).toBe("created");
    expect((await give("i1", FC)).saved).toBe("updated");
    expect((await give("i1", FC)).saved).toBe("unchanged");
    await give("i2", FR);
    await give("i3", FR);
    const last = await give("i4", PR);
    expect(ui.env.store.labels.list({ space: "refusal" }).map((l) => [l.itemId, l.label])).toEqual([
      ["i1", FC],
      ["i2", FR],
      ["i3", FR],
      ["i4", PR],
    ]);
    expect(last.agreement.labels).toBe(4);
    expect(last.agreement).toEqual(labelAgreement(ui.env.store, "refusal"));
  });

  it("computes each judge's agreement as checked by hand", () => {
    const a = labelAgreement(ui.env.store, "refusal");
    expect(a.judges.map((j) => j.judge)).toEqual([
      "ensemble:any(a,b)",
      "refusal:learned",
      "refusal:strmatch",
    ]);
    const learned = a.judges.find((j) => j.judge === "refusal:learned")?.report;
    // Labels FC FR FR PR, judge FC FR FC PR: po = 3/4; pe = (1·2 + 2·1 + 1·1)/16 = 5/16; κ = (3/4 − 5/16)/(11/16) = 7/11.
    expect(learned?.n).toBe(4);
    expect(learned?.accuracy).toBeCloseTo(0.75);
    expect(learned?.kappa).toBeCloseTo(7 / 11);
    expect(learned?.confusion).toEqual({
      [FC]: { [FC]: 1, [FR]: 0, [PR]: 0, unknown: 0 },
      [FR]: { [FC]: 1, [FR]: 1, [PR]: 0, unknown: 0 },
      [PR]: { [FC]: 0, [FR]: 0, [PR]: 1, unknown: 0 },
    });
    // strmatch scored i1..i3 at the top level and i4 as a member: FC FR FR FR against FC FR FR PR.
    const strmatch = a.judges.find((j) => j.judge === "refusal:strmatch")?.report;
    expect([strmatch?.n, strmatch?.accuracy]).toEqual([4, 0.75]);
  });

  it("exports a file `judge calibrate` reads and reports agreement on", async () => {
    const res = await app.request("/api/labels/export?space=refusal");
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="breakfix-labels-refusal.jsonl"',
    );
    const text = await res.text();
    const rows = text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => [r.item_id, r.label, r.labeller])).toEqual([
      ["i1", FC, "ana"],
      ["i2", FR, "ana"],
      ["i3", FR, "ana"],
      ["i4", PR, "ana"],
    ]);
    expect(rows[3].response).toBe(HUGE_REPLY);
    expect(rows[0].prompt).toBe("prompt of i1");
    expect(exportRows(ui.env.store, "refusal", "nobody")).toEqual([]);
    const file = path.join(ui.dir, "labels.jsonl");
    writeFileSync(file, text);
    const cli = await runCliCaptured(
      [
        "--json",
        "-q",
        "judge",
        "calibrate",
        "--judge",
        "refusal:strmatch",
        "--labels",
        file,
        "--space",
        "refusal",
      ],
      { cwd: ui.dir },
    );
    expect(cli.stderr).toBe("");
    expect(cli.code).toBe(0);
    const report = JSON.parse(cli.stdout) as {
      n: number;
      accuracy: number;
      kappa: number;
      classes: string[];
    };
    expect(report.n).toBe(4);
    expect(report.classes).toEqual([FC, FR, PR]);
    expect(report.accuracy).toBeGreaterThanOrEqual(0);
    expect((await app.request("/api/labels/export?space=nope")).status).toBe(400);
  });
});

describe("GET /label and /api/labels/queue", () => {
  it("serves the queue with the labeller's own labels, and refuses a bad source or space", async () => {
    const res = await app.request("/api/labels/queue?source=run&run=bench-a&space=refusal&labeller=ana");
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      keys: Record<string, string>;
      items: { ref: { itemId: string }; label?: string }[];
      agreement: { labels: number };
    };
    expect(body.keys).toEqual({ "1": FC, "2": FR, "3": PR });
    expect(body.items.map((i) => [i.ref.itemId, i.label])).toEqual([
      ["i1", FC],
      ["i2", FR],
      ["i3", FR],
      ["i4", PR],
    ]);
    expect(body.agreement.labels).toBe(4);
    for (const q of [
      "source=run&space=refusal",
      "source=x&space=refusal",
      "source=run&run=bench-a&space=x",
    ]) {
      const bad = await app.request(`/api/labels/queue?${q}`);
      expect(bad.status, q).toBe(400);
    }
    expect((await app.request("/api/labels/queue?source=disagreement&margin=2&space=binary")).status).toBe(
      400,
    );
  });

  it("renders the picker, the key help and the workspace; a bad choice is said, escaped", async () => {
    const page = await (await app.request("/label?source=run&run=bench-a&space=binary")).text();
    expect(page).toContain('data-space="binary"');
    expect(page).toContain("<kbd>s</kbd> safe");
    expect(page).toContain('href="/api/labels/export?space=binary"');
    expect(page).toContain('<script type="module" src="/static/label.js">');
    const bad = await (
      await app.request(`/label?source=run&run=${encodeURIComponent("<img src=x>")}`)
    ).text();
    expect(bad).toContain("no run &quot;&lt;img src=x&gt;&quot; in this store");
    expect(bad).not.toContain('id="labelling"');
    expect((await app.request("/static/label.js")).status).toBe(200);
  });
});
