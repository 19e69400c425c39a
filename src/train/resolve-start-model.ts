import { BreakfixError } from "../core/index.js";
import { type ModelRef, resolveCheckpointDir } from "../models/index.js";

/** The checkpoint folder of `engine:<name or folder>`, the only model kind the engine backend trains. */
export function resolveEngineCheckpoint(
  model: ModelRef,
  cwd: string,
  checkpointsDir = ".breakfix/checkpoints",
): string {
  if (model.kind !== "engine") {
    throw new BreakfixError(
      "USAGE",
      `the engine backend trains engine checkpoints, got --model ${model.written}`,
      {
        fix: "pass --model engine:base (or engine:<checkpoint folder>), or --backend torch for a Hugging Face model",
      },
    );
  }
  return resolveCheckpointDir(model.name, checkpointsDir, cwd);
}
