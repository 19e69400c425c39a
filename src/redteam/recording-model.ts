import type { ChatModel, GenerateOptions, GenerateResult, Message } from "../core/index.js";

export interface RecordedCall {
  messages: Message[];
  params: GenerateOptions;
  result: GenerateResult;
}

/** Wraps a model for one attempt so each call and its result can be written to the store afterwards. */
export function recordingModel(model: ChatModel): { model: ChatModel; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  return {
    calls,
    model: {
      id: model.id,
      async generate(messages, options = {}) {
        const result = await model.generate(messages, options);
        calls.push({ messages: [...messages], params: options, result });
        return result;
      },
    },
  };
}
