import type { UiServer } from "../../src/ui/http/start-ui.js";
import { seedTinyCycle } from "../../src/ui/testing/seeded-store.js";
import { servedTempUi, type TempUiContext } from "../../src/ui/testing/ui-test-kit.js";
import { type Browser, launchBrowser } from "./browser-kit.js";

/** The web app over a store a real one-round cycle filled, and chromium to browse it. Tests only. */
export interface SeededApp {
  ui: TempUiContext;
  server: UiServer;
  browser: Browser;
  /** An absolute URL of the app for `path`. */
  url(path: string): string;
  close(): Promise<void>;
}

/**
 * Seeds a fresh store with `seedTinyCycle`, lets `plant` add what a test needs (hostile rows, a live run),
 * then starts the app on a free port and launches chromium. One per test file, in `beforeAll`.
 */
export async function openSeededApp(plant: (ui: TempUiContext) => void = () => {}): Promise<SeededApp> {
  const app = await servedTempUi(async (ui) => {
    await seedTinyCycle(ui);
    plant(ui);
  });
  const browser = await launchBrowser();
  return {
    ui: app.ui,
    server: app.server,
    browser,
    url: (path) => new URL(path, app.server.url).href,
    async close() {
      await browser.close();
      await app.close();
    },
  };
}
