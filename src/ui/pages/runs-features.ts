import type { UiFeature } from "../server/ui-context.js";
import { dashboardFeature } from "./dashboard.js";
import { liveEventsFeature } from "./live-events.js";
import { runsFeature } from "./runs.js";

/** The runs pages, the cycle dashboard and the live-progress events: one entry in the feature table. */
export const RUNS_FEATURES: readonly UiFeature[] = [runsFeature, dashboardFeature, liveEventsFeature];
