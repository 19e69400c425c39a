import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Browser,
  browserSuiteTitle,
  launchBrowser,
  openPage,
  runBrowserTests,
} from "../../test/helpers/browser-kit.js";
import { PAYLOADS, sampleReport } from "./fixtures/sample-report.js";
import { renderHtmlReport } from "./html-report.js";

/**
 * The report in a real browser (Debian's chromium driven by playwright-core; no browser download): the charts
 * render, and hostile model output and names stay inert text. Skipped where chromium is absent, except in CI.
 */
/** Outcome cells of the fixture with example replies: each renders one collapsed sample list. */
const SAMPLE_LISTS = sampleReport().rounds.flatMap((r) =>
  (r.replyOutcomes ?? []).flatMap((row) =>
    [row.refused, row.complied, row.degenerate].filter((c) => c.samples.length > 0),
  ),
).length;

describe.skipIf(!runBrowserTests)(browserSuiteTitle("HTML report in headless chromium"), () => {
  let dir: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "breakfix-report-browser-"));
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens `html` from a file with every other request refused and recorded (the kit's openPage). */
  function open(name: string, html: string) {
    const file = path.join(dir, name);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    return openPage(browser, url, { allowed: (requested) => requested === url });
  }

  it("the harness catches a live payload (so its silence below means something)", async () => {
    const { page, seen } = await open(
      "canary.html",
      '<!DOCTYPE html><p>x</p><img src="http://example.invalid/x.png"><script>window.__pwned = "canary"; console.error("ran")</script>',
    );
    expect(await page.evaluate(() => (globalThis as { __pwned?: string }).__pwned)).toBe("canary");
    expect(seen.foreign).toEqual(["http://example.invalid/x.png"]);
    expect(seen.errors).toContain("ran");
    await page.close();
  });

  for (const variant of ["with its CSP", "with the CSP removed (escaping alone)"]) {
    it(`payloads stay inert text ${variant}`, async () => {
      let html = renderHtmlReport(sampleReport());
      if (variant.includes("removed")) {
        html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, "");
        expect(html).not.toContain("Content-Security-Policy");
      }
      const { page, seen, requests } = await open(
        variant.includes("removed") ? "no-csp.html" : "report.html",
        html,
      );
      // Hover and open everything a payload could hook into.
      await page.hover("table.vulns tbody tr:nth-child(2) td:nth-child(3)");
      for (const summary of await page.locator("details.transcript > summary").all()) await summary.click();

      const dom = {
        pwned: await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned),
        scripts: await page.locator("script").count(),
        embedded: await page.locator("img, iframe, object, embed, link, base").count(),
        handlers: await page
          .locator("*")
          .evaluateAll((els) =>
            els.flatMap((el) =>
              [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`),
            ),
          ),
        links: await page.locator("a").evaluateAll((els) => els.map((a) => a.getAttribute("href"))),
        details: await page.locator("details").count(),
        transcripts: await page.locator("details.transcript").count(),
        bodyVisible: await page.locator("main").isVisible(),
      };
      expect(dom.pwned).toBeUndefined();
      expect(dom.scripts).toBe(0);
      expect(dom.embedded).toBe(0);
      expect(dom.handlers).toEqual([]);
      expect(dom.links.every((href) => href?.startsWith("#"))).toBe(true);
      // A payload that closes or opens a <details> would change these counts: 4 transcripts, and one
      // collapsed sample list per outcome cell that has samples.
      expect(dom.transcripts).toBe(4);
      expect(dom.details).toBe(4 + SAMPLE_LISTS);
      expect(dom.bodyVisible).toBe(true);
      expect(seen.dialogs).toEqual([]);
      expect(seen.errors).toEqual([]);
      expect(seen.foreign).toEqual([]);
      expect(requests).toEqual([page.url()]);

      // The payloads are there, as visible text.
      expect(await page.locator("h1").textContent()).toBe(`Break-fix cycle ${PAYLOADS.img}`);
      await expect.poll(() => page.locator("table.vulns td", { hasText: PAYLOADS.areaName }).count()).toBe(1);
      expect(await page.locator("table.vulns td", { hasText: PAYLOADS.areaName }).isVisible()).toBe(true);
      const replies = page.locator("details.transcript .message.assistant pre");
      expect(await replies.last().isVisible()).toBe(true);
      expect(await replies.allTextContents()).toEqual([
        PAYLOADS.script,
        `${PAYLOADS.img}\n${PAYLOADS.svg}`,
        `${PAYLOADS.detailsBreak}\n${PAYLOADS.fence}`,
        `${PAYLOADS.style}\n${PAYLOADS.controls.replace("\u202e", "\\u{202e}").replace("\u202c", "\\u{202c}").replaceAll("\u001b", "\\x1b")}`,
      ]);
      await page.close();
    });
  }

  it("charts render with the expected marks, and transcripts start collapsed", async () => {
    const { page, requests } = await open("charts.html", renderHtmlReport(sampleReport()));
    const sizes = async (selector: string) =>
      page.locator(selector).evaluateAll((els) =>
        els.map((el) => {
          const box = el.getBoundingClientRect();
          return box.width > 0 && box.height > 0;
        }),
      );
    const expected: Array<[string, number]> = [
      ["svg.chart-defect-rate", 1],
      ["svg.chart-defect-rate rect.bar", 4 * 3],
      ["svg.chart-asr-heatmap", 3],
      ["svg.chart-asr-heatmap rect.cell", 3 * 4 * 5],
      ["svg.chart-asr circle.point", 2 * 3],
      ["svg.chart-tradeoff circle.point", 2 * 3],
      ["svg.chart-tradeoff-path circle.point", 3],
      ["svg.chart-capability circle.point", 3],
    ];
    for (const [selector, count] of expected) {
      expect(await sizes(selector), selector).toEqual(Array(count).fill(true));
    }
    const titled = await page
      .locator("svg.chart")
      .evaluateAll((els) =>
        els.map((el) => el.getAttribute("role") === "img" && el.querySelector("title") !== null),
      );
    expect(titled.length).toBe(1 + 1 + 3 + 1 + 2 + 1);
    expect(titled.every(Boolean)).toBe(true);

    const transcripts = page.locator("details.transcript");
    expect(await transcripts.count()).toBe(4);
    expect(
      await transcripts.evaluateAll((els) => els.map((el) => (el as unknown as { open: boolean }).open)),
    ).toEqual([false, false, false, false]);
    expect(await page.locator("details.transcript pre").first().isVisible()).toBe(false);
    for (const warning of await page.locator(".content-warning").all())
      expect(await warning.isVisible()).toBe(true);
    expect(await page.locator(".content-warning").count()).toBe(2);
    expect(await page.locator("svg.chart-capability line.reference").count()).toBe(1);
    expect(requests).toEqual([page.url()]);
    await page.close();
  });
});
