export * from "./areas.js";
export * from "./mappings.js";
export * from "./severity.js";
export * from "./taxonomy.js";
