export * from "./areas.js";
export { areaByKeywords, BEAVERTAILS_AREAS, KEYWORD_AREAS } from "./keyword-areas.js";
export * from "./mappings.js";
export * from "./severity.js";
export * from "./taxonomy.js";
