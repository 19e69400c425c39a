import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  browserSuiteTitle,
  CLEAN_PAGE,
  NOTHING_SEEN,
  openPage,
  pageIntegrity,
  runBrowserTests,
} from "../../../test/helpers/browser-kit.js";
import { openSeededApp, type SeededApp } from "../../../test/helpers/ui-seeded-app.js";
import { type PlantedRows, plantHostileRows } from "../testing/plant-hostile.js";
import { INLINE_TEXT_CAP, runHref } from "./page-kit.js";

describe.skipIf(!runBrowserTests)(
  browserSuiteTitle("breakfix ui in headless chromium: dashboard and runs"),
  () => {
    let app: SeededApp;
    let planted: PlantedRows;
    const url = (path: string) => app.url(path);

    beforeAll(async () => {
      app = await openSeededApp((ui) => {
        planted = plantHostileRows(ui.env.store);
        ui.env.store.runs.start({ id: "live-bench", kind: "bench", name: "live" });
        ui.env.store.items.plan("live-bench", [{ id: "a" }, { id: "b" }]);
      });
    }, 180_000);
    afterAll(() => app?.close());

    it("loads every page with hostile and huge text in the store: nothing runs, nothing leaves, clicks work", async () => {
      const pages = [
        "/",
        "/runs",
        "/runs?kind=redteam&outcome=success",
        runHref(planted.benchRun),
        runHref(planted.campaignRun),
        runHref(planted.hostileRun),
        "/cycles/ui-cycle",
        "/runs/no-such-run",
      ];
      const notFound = "Failed to load resource: the server responded with a status of 404 (Not Found)";
      for (const path of pages) {
        const { page, seen } = await openPage(app.browser, url(path));
        expect(await pageIntegrity(page), path).toEqual(CLEAN_PAGE);
        // The cycles page lists the seeded cycle.
        if (path === "/")
          await expect(page.locator("main table").textContent()).resolves.toContain("ui-cycle");
        await page.locator("header.top nav a", { hasText: "Runs" }).click();
        await page.waitForURL(/\/runs$/);
        // The unknown id's page is a 404 by design, which the browser logs.
        const errors = path === "/runs/no-such-run" ? [notFound] : [];
        expect(seen, path).toEqual({ ...NOTHING_SEEN, errors });
        await page.close();
      }
    });

    it("opens a sample's and an attempt's transcript behind a content warning, capped, still responsive", async () => {
      for (const path of [
        `${runHref(planted.benchRun)}/samples/${encodeURIComponent(planted.sampleId)}`,
        `${runHref(planted.campaignRun)}/attempts/${planted.attemptId}`,
      ]) {
        const { page, seen } = await openPage(app.browser, url(path));
        expect(await pageIntegrity(page), path).toEqual(CLEAN_PAGE);
        const warned = page.locator("details.warned").last();
        expect(await warned.getAttribute("open")).toBeNull();
        await warned.locator("summary").click();
        const text = (await warned.locator("pre.reply").textContent()) ?? "";
        expect(text).toContain("<script>window.__pwned='script'");
        // Control and bidi characters are shown as visible escapes, a few characters longer each.
        expect(text.length).toBeGreaterThanOrEqual(INLINE_TEXT_CAP);
        expect(text.length).toBeLessThan(INLINE_TEXT_CAP + 200);
        // The whole text is a link away, as plain text (fetched here: laying out 5 MB is the reader's choice).
        const whole = await warned.locator("a", { hasText: "Open the whole text" }).getAttribute("href");
        const res = await page.request.get(url(whole ?? ""));
        expect(res.headers()["content-type"]).toMatch(/^text\/plain/);
        expect((await res.text()).length).toBeGreaterThan(4_900_000);
        await page.locator("header.top nav a", { hasText: "Runs" }).click();
        await page.waitForURL(/\/runs$/);
        expect(seen, path).toEqual(NOTHING_SEEN);
        await page.close();
      }
    });

    it("filters with the form and follows a row to its transcript", async () => {
      const { page, seen } = await openPage(app.browser, url("/runs"));
      await page.selectOption('select[name="technique"]', "converter-chain:word-split");
      await page.getByRole("button", { name: "Filter" }).click();
      await page.waitForURL(/technique=converter-chain%3Aword-split/);
      const runs = await page.locator("table.runs tbody tr").count();
      expect(runs).toBe(2);
      await page.locator("table.runs tbody a").first().click();
      await page.locator("table.rows tbody a").first().click();
      await expect(page.locator("dd.chain").textContent()).resolves.toBe("word-split");
      expect(seen).toEqual(NOTHING_SEEN);
      await page.close();
    });

    it("updates a run's progress live when the store changes", async () => {
      const { page, seen } = await openPage(app.browser, url("/runs"));
      const liveRun = '[data-live-run="live-bench"]';
      const live = page.locator(liveRun);
      await expect(live.textContent()).resolves.toBe("running · 0/2 items");
      // Wait for the event stream to be open before writing, so the change is not missed.
      await page.waitForSelector('html[data-live="open"]', { state: "attached" });
      app.ui.env.store.items.markDone("live-bench", ["a"]);
      await page.locator(liveRun, { hasText: /^running · 1\/2 items$/ }).waitFor();
      app.ui.env.store.runs.finish("live-bench", "done");
      await page.locator(`${liveRun}[data-status="done"]`).waitFor();
      expect(seen).toEqual(NOTHING_SEEN);
      await page.close();
    });
  },
);
