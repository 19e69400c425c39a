export * from "./checkpoint.js";
export * from "./half.js";
export * from "./hf-folder.js";
export * from "./safetensors.js";
export * from "./tensor-file.js";
