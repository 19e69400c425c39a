export * from "./bootstrap.js";
export * from "./compare-rounds.js";
export * from "./metric-units.js";
export * from "./round-data.js";
export * from "./round-metrics.js";
export * from "./round-units.js";
