export { UI_CSP } from "./http/guard.js";
export { type StartUiOptions, startUi, type UiServer } from "./http/start-ui.js";
export type { UiContext, UiFeature } from "./http/ui-context.js";
