import { Hono } from "hono";
import type { GuardPolicy } from "../../server/index.js";
import { UI_FEATURES } from "../features.js";
import { serveAssets } from "./assets.js";
import { guard } from "./guard.js";
import type { UiContext } from "./ui-context.js";

export interface UiAppOptions {
  policy: GuardPolicy;
  token?: string;
}

/** The web app: the guard first, then the front-end files, then every feature's routes. */
export function createUiApp(ui: UiContext, options: UiAppOptions): Hono {
  const app = new Hono();
  app.use("*", guard(options));
  serveAssets(app);
  // Browsers ask for it on every page; an empty answer keeps a 404 out of their consoles.
  app.get("/favicon.ico", (c) => c.body(null, 204));
  for (const feature of UI_FEATURES) feature.register(app, ui);
  app.onError((err, c) => {
    const message = err instanceof Error ? err.message : String(err);
    const wantsJson = c.req.path.startsWith("/api/");
    return wantsJson ? c.json({ error: message }, 500) : c.text(`breakfix ui: ${message}\n`, 500);
  });
  return app;
}

/** The navigation bar: every feature that has an entry, in table order. */
export function uiNav(): Array<{ href: string; label: string }> {
  return UI_FEATURES.flatMap((f) => (f.nav ? [f.nav] : []));
}
