export * from "./bench-judges.js";
export * from "./compare.js";
export * from "./compute-metrics.js";
export * from "./format-report.js";
export * from "./metric-spec.js";
export * from "./run-report.js";
export * from "./runner.js";

export * from "./suite.js";
export * from "./suite-registry.js";
export * from "./user-simulators.js";
