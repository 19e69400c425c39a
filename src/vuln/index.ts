export * from "./bench-observations.js";
export * from "./campaign-observations.js";
export * from "./format-vulnerabilities.js";
export * from "./group-observations.js";
export * from "./identify.js";
export * from "./observation.js";
export * from "./technique-family.js";
export * from "./track-status.js";
