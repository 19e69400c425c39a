export * from "./api-error.js";
export * from "./chat-request.js";
export * from "./chat-server.js";
export * from "./request-guard.js";
