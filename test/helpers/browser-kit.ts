import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { expect } from "vitest";

/**
 * Real Chromium for the report's and the web app's tests (Debian's, through playwright-core; no browser
 * download). Skipped where it is absent, except in CI, where its absence fails the test.
 */
export const CHROMIUM = "/usr/bin/chromium";
export const browserAvailable = existsSync(CHROMIUM);
export const browserRequired = Boolean(process.env["CI"]);
export const runBrowserTests = browserAvailable || browserRequired;

/** A describe title that says why it was skipped. */
export function browserSuiteTitle(title: string): string {
  return runBrowserTests
    ? title
    : `${title} (skipped: ${CHROMIUM} not found; install it with \`apt-get install chromium\`)`;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  if (!browserAvailable)
    throw new Error(`CI is set but ${CHROMIUM} is missing: install Debian chromium (.ci/run does)`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "breakfix-browser-"));
  const context = await chromium.launchPersistentContext(path.join(dir, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a page did that it must not: dialogs, script errors, requests off the app's origin. */
export interface Observed {
  dialogs: string[];
  errors: string[];
  foreign: string[];
}

/**
 * Opens `url` with every request to another origin (or that `allowed` refuses) refused and recorded as
 * foreign, every dialog and script error recorded, and every request the page made listed in order. A
 * payload that hijacks the page makes waits hang, so waits fail fast.
 */
export async function openPage(
  browser: Browser,
  url: string,
  o: { allowed?: (requested: string) => boolean } = {},
): Promise<{ page: Page; seen: Observed; requests: string[] }> {
  const origin = new URL(url).origin;
  const allowed = o.allowed ?? ((u: string) => u.startsWith(origin) || u.startsWith("data:"));
  const seen: Observed = { dialogs: [], errors: [], foreign: [] };
  const requests: string[] = [];
  const page = await browser.context.newPage();
  page.setDefaultTimeout(5_000);
  await page.route("**/*", (route) => {
    const u = route.request().url();
    if (allowed(u)) return route.continue();
    seen.foreign.push(u);
    return route.abort();
  });
  page.on("request", (r) => requests.push(r.url()));
  page.on("dialog", (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("console", (m) => {
    if (m.type() === "error") seen.errors.push(m.text());
  });
  page.on("pageerror", (e) => seen.errors.push(e.message));
  await page.goto(url, { waitUntil: "load" });
  return { page, seen, requests };
}

/** Whether any XSS payload ran (they all set `window.__pwned`), and the live script and handler count. */
export async function pageIntegrity(page: Page) {
  return {
    pwned: await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned),
    inlineScripts: await page.locator("script:not([src])").count(),
    foreignScripts: await page
      .locator("script[src]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("src")).filter((s) => !s?.startsWith("/static/"))),
    handlers: await page
      .locator("*")
      .evaluateAll((els) =>
        els.flatMap((el) =>
          [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`),
        ),
      ),
    frames: await page.locator("iframe, object, embed").count(),
  };
}

/** What `pageIntegrity` gives for a page no payload touched. */
export const CLEAN_PAGE = { pwned: undefined, inlineScripts: 0, foreignScripts: [], handlers: [], frames: 0 };
/** What `openPage` records for a page that raised no dialog, logged no error and asked nothing of another origin. */
export const NOTHING_SEEN: Observed = { dialogs: [], errors: [], foreign: [] };

/**
 * Asserts that nothing ran or left the page: no payload, inline script, handler or frame, and no dialog,
 * script error or foreign request (`errors`: the console lines a page logs by design, such as a 404's).
 */
export async function expectUntouched(
  page: Page,
  seen: Observed,
  o: { note?: string; errors?: string[] } = {},
): Promise<void> {
  expect(await pageIntegrity(page), o.note).toEqual(CLEAN_PAGE);
  expect(seen, o.note).toEqual({ ...NOTHING_SEEN, errors: o.errors ?? [] });
}
