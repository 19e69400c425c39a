import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Browser,
  browserSuiteTitle,
  launchBrowser,
  openPage,
  pageIntegrity,
  runBrowserTests,
} from "../testing/browser-kit.js";
import { seedTinyCycle } from "../testing/seeded-store.js";
import { tempUiContext } from "../testing/ui-test-kit.js";
import { startUi, type UiServer } from "./start-ui.js";

describe.skipIf(!runBrowserTests)(browserSuiteTitle("breakfix ui in headless chromium: overview"), () => {
  let ui: Awaited<ReturnType<typeof tempUiContext>>;
  let server: UiServer;
  let browser: Browser;

  beforeAll(async () => {
    ui = await tempUiContext();
    await seedTinyCycle(ui);
    server = await startUi(ui, { port: 0 });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await ui?.dispose();
  });

  it("lists the cycle of a real run with no script error", async () => {
    const { page, seen } = await openPage(browser, server.url);
    await expect(page.locator("main table").textContent()).resolves.toContain("ui-cycle");
    expect(await pageIntegrity(page)).toMatchObject({ pwned: undefined, inlineScripts: 0, handlers: [] });
    expect(seen).toEqual({ dialogs: [], errors: [], foreign: [] });
  });
});
