export * from "./app-env.js";
