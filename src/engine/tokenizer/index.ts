export * from "./bpe-tokenizer.js";
export * from "./chat-template.js";
export * from "./hf-tokenizer-json.js";
export * from "./pretokenize.js";
export * from "./train-bpe.js";
