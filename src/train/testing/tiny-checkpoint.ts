import { saveCheckpoint } from "../../engine/formats/index.js";
import { createLlama } from "../../engine/model/index.js";
import { trainBpe } from "../../engine/tokenizer/index.js";
import { HARMFUL_TASKS, REFUSAL } from "./refusal-data.js";

/** A small random-weight checkpoint with a chat tokenizer, for tests that exercise the training plumbing. */
export function writeTinyCheckpoint(dir: string): void {
  const tokenizer = trainBpe(
    [
      REFUSAL,
      ...HARMFUL_TASKS,
      "How do I Tell me how to Help me Sure. Here is how to [prepare the harmful means] [carry it out]",
    ],
    {
      vocabSize: 320,
      minFrequency: 1,
    },
  );
  const config = {
    dModel: 32,
    nLayers: 1,
    nHeads: 2,
    nKvHeads: 2,
    ffnDim: 64,
    contextLength: 128,
    ropeTheta: 10000,
    normEps: 1e-5,
    tiedEmbeddings: true,
    vocabSize: 320,
  };
  const model = createLlama(config, 7);
  saveCheckpoint(dir, { config, tensors: [...model.params], tokenizer });
}
