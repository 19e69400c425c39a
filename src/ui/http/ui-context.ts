import type { Hono } from "hono";
import type { AppEnv } from "../../app/index.js";
import type { BreakfixConfig } from "../../config/index.js";

/** What every page and API route of the web app gets: the app environment the CLI builds, and the config. */
export interface UiContext {
  env: AppEnv;
  config: BreakfixConfig;
}

/**
 * One part of the app (dashboard, runs, vulnerabilities, console, labelling): its navigation entry and its
 * routes. Pages are rendered on the server with the report's escaping `html` template; the small scripts
 * in `src/ui/public` add what needs a browser (chat, keystrokes, live updates) and write text only.
 */
export interface UiFeature {
  name: string;
  /** Where the navigation bar links to it, in the order of `UI_FEATURES`. */
  nav?: { href: string; label: string };
  register(app: Hono, ui: UiContext): void;
}
