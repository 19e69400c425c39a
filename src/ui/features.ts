import { labelFeature } from "./pages/label.js";
import { overviewFeature } from "./pages/overview.js";
import type { UiFeature } from "./server/ui-context.js";

/** Every part of the web app, in navigation order. A new page is one entry here. */
export const UI_FEATURES: readonly UiFeature[] = [overviewFeature, labelFeature];
