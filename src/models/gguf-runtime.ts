import type { Llama, LlamaChat, LlamaContext, LlamaModel } from "node-llama-cpp";
import { createLimiter, type Limiter } from "../core/index.js";
import { checkGgufFile } from "../engine/formats/index.js";
import { CHAT_TEMPLATE_JINJA } from "../engine/tokenizer/index.js";

export interface GgufRuntimeOptions {
  /** CPU threads for evaluation (default 1: with 2 on a 2-core machine decode speed collapsed). */
  threads: number;
  /** Upper bound of the context window; the model's training context is used when smaller. */
  contextSize: number;
  /** Offload to a GPU when node-llama-cpp finds one (default off: CPU results are reproducible). */
  gpu: boolean;
}

/** A loaded GGUF: one model, one context with one sequence, one chat driver; calls run one at a time. */
export interface LoadedGguf {
  model: LlamaModel;
  context: LlamaContext;
  chat: LlamaChat;
  queue: Limiter;
  dispose(): Promise<void>;
}

let llamaCpu: Promise<Llama> | undefined;
let llamaGpu: Promise<Llama> | undefined;

/** The llama.cpp binding, loaded once per process from node-llama-cpp's prebuilt binaries (never built). */
function getLlamaOnce(gpu: boolean): Promise<Llama> {
  const load = async () => {
    const { getLlama, LlamaLogLevel } = await import("node-llama-cpp");
    return getLlama({
      gpu: gpu ? "auto" : false,
      build: "never",
      logLevel: LlamaLogLevel.error,
      progressLogs: false,
    });
  };
  const forget = (err: unknown): never => {
    // A failed load is not remembered, so a later call reports the real error again rather than a stale one.
    if (gpu) llamaGpu = undefined;
    else llamaCpu = undefined;
    throw err;
  };
  if (gpu) {
    llamaGpu ??= load().catch(forget);
    return llamaGpu;
  }
  llamaCpu ??= load().catch(forget);
  return llamaCpu;
}

export async function loadGguf(file: string, options: GgufRuntimeOptions): Promise<LoadedGguf> {
  const { LlamaChat, JinjaTemplateChatWrapper } = await import("node-llama-cpp");
  // llama.cpp trusts the header: a crafted count makes it spin and allocate without bound.
  checkGgufFile(file);
  const llama = await getLlamaOnce(options.gpu);
  const model = await llama.loadModel({ modelPath: file, ...(options.gpu ? {} : { gpuLayers: 0 }) });
  try {
    const context = await model.createContext({
      contextSize: { max: Math.min(options.contextSize, model.trainContextSize) },
      threads: options.threads,
      sequences: 1,
    });
    const fileTemplate = model.fileInfo.metadata.tokenizer?.chat_template;
    const hasTemplate = typeof fileTemplate === "string";
    // "auto" matches the file's template against node-llama-cpp's specialised wrappers (seconds of work);
    // the engine's own template needs no detection.
    const chat = new LlamaChat({
      contextSequence: context.getSequence(),
      chatWrapper:
        hasTemplate && fileTemplate !== CHAT_TEMPLATE_JINJA
          ? "auto"
          : new JinjaTemplateChatWrapper({ template: CHAT_TEMPLATE_JINJA }),
    });
    return {
      model,
      context,
      chat,
      queue: createLimiter(1),
      async dispose() {
        await chat.dispose();
        await context.dispose();
        await model.dispose();
      },
    };
  } catch (err) {
    await model.dispose();
    throw err;
  }
}
