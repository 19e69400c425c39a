import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  browserSuiteTitle,
  expectUntouched,
  openPage,
  runBrowserTests,
} from "../../../test/helpers/browser-kit.js";
import { runCliCaptured } from "../../../test/helpers/run-cli.js";
import { openSeededApp, type SeededApp } from "../../../test/helpers/ui-seeded-app.js";
import { XSS_PAYLOADS } from "../testing/seeded-store.js";
import type { TempUiContext } from "../testing/ui-test-kit.js";
import { labelAgreement } from "./label-agreement.js";

const BENCH = "ui-cycle/r0/bench";
const NAME = XSS_PAYLOADS[1];
const HOSTILE_JUDGE = XSS_PAYLOADS[4];

/** Hostile replies (and prompts) at the end of the real bench run, one also scored by a judge with a hostile id. */
function plantPayloads(ui: TempUiContext): void {
  XSS_PAYLOADS.forEach((payload, i) => {
    const key = { runId: BENCH, itemId: `xss-${i}`, attempt: 1, turn: 0 };
    ui.env.store.generations.put({
      ...key,
      modelId: "mock:xss",
      messages: [{ role: "user", content: payload }],
      result: { ok: true, text: payload, finishReason: "stop", latencyMs: 1 },
    });
    const score = {
      judgeId: "refusal:learned",
      judgeVersion: "planted",
      label: "full_compliance",
      value: 0.5,
    };
    ui.env.store.scores.put({ ...key, score });
    if (i === XSS_PAYLOADS.length - 1)
      ui.env.store.scores.put({
        ...key,
        score: { ...score, judgeId: HOSTILE_JUDGE, label: "full_refusal" },
      });
  });
}

const activeId = (page: Page) => page.evaluate<string>("document.activeElement?.id ?? ''");
const text = async (page: Page, selector: string) => (await page.locator(selector).textContent()) ?? "";
const statusSays = (page: Page, fragment: string) =>
  page.locator("#status").filter({ hasText: fragment }).waitFor();
const judgeN = (page: Page, judge: string) =>
  text(page, `#agreement-table tr[data-judge="${judge}"] td:nth-child(2)`);

describe.skipIf(!runBrowserTests)(browserSuiteTitle("breakfix ui in headless chromium: labelling"), () => {
  let app: SeededApp;
  beforeAll(async () => {
    app = await openSeededApp(plantPayloads);
  }, 180_000);
  afterAll(() => app?.close());

  it("labels five samples keyboard-only, updates the agreement live, and exports a file that calibrates", async () => {
    const url = app.url(`/label?source=run&run=${encodeURIComponent(BENCH)}&space=refusal`);
    const { page, seen } = await openPage(app.browser, url);
    const keys = page.keyboard;

    // The name is asked once, in a focused field; a hostile name is only ever text.
    await page.waitForSelector("#who:not([hidden])");
    expect(await activeId(page)).toBe("who-name");
    await keys.type(NAME);
    await keys.press("Enter");
    await page.waitForSelector("#cw:not([hidden])");
    expect(await text(page, "#who-label")).toBe(NAME);

    // The content warning comes first, its button focused; Enter shows the samples.
    expect(await activeId(page)).toBe("cw-ok");
    await keys.press("Enter");
    await page.waitForSelector("#sample:not([hidden])");
    expect(await activeId(page)).toBe("sample");
    const total = Number((await text(page, "#pos")).split(" / ")[1]);
    expect(total).toBeGreaterThan(XSS_PAYLOADS.length + 5);

    await keys.press("1");
    await statusSays(page, `for 1 / ${total}`);
    expect(await judgeN(page, "refusal:learned")).toBe("1");
    for (const [i, key] of ["2", "3", "1", "2"].entries()) {
      await keys.press(key);
      await statusSays(page, `for ${i + 2} / ${total}`);
    }
    expect(await judgeN(page, "refusal:learned")).toBe("5");
    expect(await text(page, "#pos")).toBe(`6 / ${total}`);

    // Back one (k) and relabel: the stored label changes, no row is added.
    await keys.press("k");
    await keys.press("3");
    await statusSays(page, `Saved partial_refusal (updated) for 5 / ${total}`);
    const stored = app.ui.env.store.labels.list({ space: "refusal" });
    expect(stored.map((l) => [l.runId, l.label, l.labeller])).toEqual(
      ["full_compliance", "full_refusal", "partial_refusal", "full_compliance", "partial_refusal"].map(
        (l) => [BENCH, l, NAME],
      ),
    );
    const learned = labelAgreement(app.ui.env.store, "refusal").judges.find(
      (j) => j.judge === "refusal:learned",
    );
    const row = await text(page, '#agreement-table tr[data-judge="refusal:learned"]');
    expect(row).toContain(`${(100 * (learned?.report.accuracy ?? -1)).toFixed(1)}%`);
    expect(row).toContain((learned?.report.kappa ?? -9).toFixed(3));

    // Walk (j) over every hostile reply to the last one and label it: its hostile judge joins the table.
    for (let i = 0; i < total; i++) await keys.press("j");
    expect(await text(page, "#pos")).toBe(`${total} / ${total}`);
    expect(await text(page, "#response")).toBe(XSS_PAYLOADS.at(-1));
    await keys.press("2");
    await statusSays(page, `for ${total} / ${total}`);
    expect(await page.locator("#agreement-table code").allTextContents()).toContain(HOSTILE_JUDGE);
    expect(await page.locator("#agreement .confusion").count()).toBeGreaterThanOrEqual(2);

    // Export by keyboard: Tab to the link, Enter downloads the file; `judge calibrate` reads it.
    for (let i = 0; i < 40 && (await activeId(page)) !== "export"; i++) await keys.press("Tab");
    expect(await activeId(page)).toBe("export");
    const [download] = await Promise.all([page.waitForEvent("download"), keys.press("Enter")]);
    expect(download.suggestedFilename()).toBe("breakfix-labels-refusal.jsonl");
    const file = path.join(app.ui.dir, download.suggestedFilename());
    writeFileSync(file, readFileSync((await download.path()) as string));
    const cli = await runCliCaptured(
      [
        "--json",
        "-q",
        "judge",
        "calibrate",
        "--judge",
        "refusal:learned",
        "--labels",
        file,
        "--space",
        "refusal",
      ],
      { cwd: app.ui.dir },
    );
    expect(cli.stderr).toBe("");
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ judge: "refusal:learned", n: 6 });

    await expectUntouched(page, seen);
  }, 60_000);

  it("keeps the name from the last visit and offers the disagreement queue in safe/unsafe", async () => {
    const { page, seen } = await openPage(app.browser, app.url(`/label?source=disagreement&space=binary`));
    await page.waitForSelector("#cw:not([hidden])");
    expect(await text(page, "#who-label")).toBe(NAME);
    await page.keyboard.press("Enter");
    await page.waitForSelector("#sample:not([hidden])");
    expect(await text(page, "#reasons")).toMatch(/^Picked because: /);
    expect(await page.locator(".keys").textContent()).toContain("s safe");
    await expectUntouched(page, seen);
  }, 30_000);
});
