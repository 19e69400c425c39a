import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUiApp } from "../http/ui-app.js";
import { type PlantedRows, plantHostileRows } from "../testing/plant-hostile.js";
import { HUGE_REPLY, seedTinyCycle, XSS_PAYLOADS } from "../testing/seeded-store.js";
import { tempUiContext } from "../testing/ui-test-kit.js";
import { INLINE_TEXT_CAP, runHref } from "./page-kit.js";

let ui: Awaited<ReturnType<typeof tempUiContext>>;
let app: ReturnType<typeof createUiApp>;
let planted: PlantedRows;
/** The planted reply: every payload, then 5 MB. */
const ALL_LENGTH = XSS_PAYLOADS.join("\n").length + HUGE_REPLY.length;

beforeAll(async () => {
  ui = await tempUiContext();
  await seedTinyCycle(ui);
  planted = plantHostileRows(ui.env.store);
  app = createUiApp(ui, { policy: { hosts: undefined } });
}, 180_000);
afterAll(async () => {
  await ui?.dispose();
});

const get = async (path: string) => {
  const res = await app.request(path);
  return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
};
/** The run ids linked from a runs table, in order. */
const linkedRuns = (page: string) =>
  [...page.matchAll(/<td><a href="\/runs\/([^"?]+)[^"]*">/g)].map((m) => decodeURIComponent(m[1] as string));

describe("runs pages", () => {
  it("lists the bench runs and campaigns of the cycle, not its training or cycle runs", async () => {
    const page = await get("/runs");
    expect(page.status).toBe(200);
    const ids = linkedRuns(page.text);
    expect(ids).toContain("ui-cycle/r0/bench");
    expect(ids).toContain("ui-cycle/r1/redteam-heldout");
    expect(ids.some((id) => id.endsWith("/sft") || id === "ui-cycle")).toBe(false);
    expect(page.text).toContain('<form class="filters" method="get" action="/runs">');
    // Each run links the cycle round it measured.
    expect(page.text).toContain('<a href="/cycles/ui-cycle">ui-cycle</a> <span class="muted">round 1</span>');
  });

  it("filters runs on the server by kind, technique, harm area, language, turn depth and outcome", async () => {
    const campaigns = linkedRuns((await get("/runs?kind=redteam")).text);
    expect(campaigns.length).toBe(6);
    expect(campaigns.every((id) => id.includes("redteam"))).toBe(true);
    const split = linkedRuns((await get("/runs?technique=converter-chain%3Aword-split")).text);
    expect(split.sort()).toEqual(["ui-cycle/r0/redteam-heldout", "ui-cycle/r1/redteam-heldout"]);
    const suite = linkedRuns((await get("/runs?suite=capability")).text);
    expect(suite.sort()).toEqual(["ui-cycle/r0/bench", "ui-cycle/r1/bench"]);
    const area = linkedRuns(
      (await get("/runs?harmArea=weapons-cbrn&outcome=success&language=en&turns=1")).text,
    );
    expect(area.length).toBeGreaterThan(0);
    expect(area.every((id) => id.includes("redteam"))).toBe(true);
    expect((await get("/runs?outcome=no-such-outcome")).text).toContain("No run matches these filters.");
  });

  it("shows one run's rows, filtered, each linking its transcript", async () => {
    const page = await get(`${runHref("ui-cycle/r0/redteam-in")}?outcome=success`);
    expect(page.status).toBe(200);
    const outcomes = [
      ...page.text.matchAll(/<td><span class="[^"]*">(success|failure|error)<\/span><\/td>/g),
    ];
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.every((m) => m[1] === "success")).toBe(true);
    expect(page.text).toMatch(/href="\/runs\/ui-cycle%2Fr0%2Fredteam-in\/attempts\/\d+"/);
    const bench = await get(runHref("ui-cycle/r0/bench"));
    expect(bench.text).toMatch(/href="\/runs\/ui-cycle%2Fr0%2Fbench\/samples\/capability%2F/);
  });

  it("opens a sample with its request, reply, judge verdicts and rationale, escaped and capped", async () => {
    const href = `${runHref(planted.benchRun)}/samples/${encodeURIComponent(planted.sampleId)}`;
    const page = await get(href);
    expect(page.status).toBe(200);
    expect(page.text).toContain("full_compliance");
    expect(page.text).toContain('<details class="warned">');
    expect(page.text).not.toMatch(/<script>|<img |<svg |<iframe|<a href="javascript/i);
    expect(page.text).toContain("&lt;script&gt;window.__pwned");
    expect(page.text.length).toBeLessThan(200_000);
    expect(page.text).toContain(`first ${INLINE_TEXT_CAP.toLocaleString("en")} of`);
    const raw = await get(`${href}/raw?attempt=1&turn=0`);
    expect(raw.type).toMatch(/^text\/plain/);
    expect(raw.text.length).toBe(ALL_LENGTH);
  });

  it("opens an attempt with its transcript, verdicts and converter chain", async () => {
    const href = `${runHref(planted.campaignRun)}/attempts/${planted.attemptId}`;
    const page = await get(href);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Converter chain");
    expect(page.text).toContain("&lt;img src=x onerror=");
    expect(page.text).not.toMatch(/<script>|<img |<svg |<iframe/i);
    expect(page.text.length).toBeLessThan(200_000);
    const raw = await get(`${href}/raw?message=1`);
    expect(raw.type).toMatch(/^text\/plain/);
    expect(raw.text.length).toBe(ALL_LENGTH);
    const seeded = (await get(runHref("ui-cycle/r0/redteam-heldout"))).text.match(/attempts\/(\d+)"/)?.[1];
    const chain = await get(`${runHref("ui-cycle/r0/redteam-heldout")}/attempts/${seeded}`);
    expect(chain.text).toMatch(/<dd class="chain">(word-split|pig-latin|diacritics|random-case|none)<\/dd>/);
  });

  it("answers an unknown id with a clear 404 page, not a stack trace", async () => {
    for (const path of [
      "/runs/no-such-run",
      "/cycles/no-such-cycle",
      `/cycles/${encodeURIComponent("ui-cycle/r0/bench")}`,
      `${runHref("ui-cycle/r0/bench")}/samples/nope`,
      `${runHref("ui-cycle/r0/redteam-in")}/attempts/999999`,
      `${runHref("ui-cycle/r0/redteam-in")}/attempts/abc`,
    ]) {
      const page = await get(path);
      expect(page.status, path).toBe(404);
      expect(page.type).toMatch(/^text\/html/);
      expect(page.text).toContain("<h1>Not found");
      expect(page.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
    expect((await get(`${runHref("ui-cycle/r0/redteam-in")}/attempts/1/raw?message=99`)).status).toBe(404);
  });

  it("serves a run whose id and name are payloads, escaped", async () => {
    const list = await get("/runs");
    expect(list.text).not.toMatch(/<img src=x/);
    const page = await get(runHref(planted.hostileRun));
    expect(page.status).toBe(200);
    expect(page.text).toContain("&lt;img src=x");
  });
});

describe("cycle dashboard", () => {
  it("shows the rounds, the verdict, the metrics with the report's charts, and links each round's runs", async () => {
    const page = await get("/cycles/ui-cycle");
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/Round 1: (PASS|FAIL)/);
    expect(page.text).toContain('href="/runs/ui-cycle%2Fr0%2Fbench"');
    expect(page.text).toContain('href="/runs/ui-cycle%2Fr1%2Fredteam-heldout"');
    expect(page.text).toContain("Refused, complied or degenerate");
    expect(page.text).toMatch(/<svg[^>]*class="chart/);
    expect(page.text).toContain('data-live-run="ui-cycle/r0/bench"');
    expect(page.text).toContain('<script type="module" src="/static/live.js">');
    expect(page.text).toContain('<p class="note" data-live-note hidden>');
    expect(page.text).not.toMatch(/<script>|<img src=x/);
  });
});
