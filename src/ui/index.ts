export { UI_CSP } from "./server/guard.js";
export { type StartUiOptions, startUi, type UiServer } from "./server/start-ui.js";
export type { UiContext, UiFeature } from "./server/ui-context.js";
