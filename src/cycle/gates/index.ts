export * from "./evaluate-gates.js";
export * from "./evaluate-round.js";
export * from "./gate-config.js";
