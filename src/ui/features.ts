import type { UiFeature } from "./http/ui-context.js";
import { consoleFeature } from "./pages/console-page.js";
import { dashboardFeature } from "./pages/dashboard.js";
import { labelFeature } from "./pages/label.js";
import { liveEventsFeature } from "./pages/live-events.js";
import { overviewFeature } from "./pages/overview.js";
import { runsFeature } from "./pages/runs.js";
import { vulnsFeature } from "./pages/vulns-page.js";

/** Every part of the web app, in navigation order. A new page is one entry here. */
export const UI_FEATURES: readonly UiFeature[] = [
  overviewFeature,
  runsFeature,
  dashboardFeature,
  vulnsFeature,
  consoleFeature,
  labelFeature,
  liveEventsFeature,
];
