export * from "./evaluate-gates.js";
export * from "./gate-config.js";
