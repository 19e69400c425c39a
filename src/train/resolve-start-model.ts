import { BreakfixError } from "../core/index.js";
import { resolveCheckpointDir } from "../models/index.js";

/** The checkpoint folder of `engine:<name or folder>`, the only model kind the engine backend trains. */
export function resolveEngineCheckpoint(
  modelId: string,
  cwd: string,
  checkpointsDir = ".breakfix/checkpoints",
): string {
  if (!modelId.startsWith("engine:")) {
    throw new BreakfixError("USAGE", `the engine backend trains engine checkpoints, got --model ${modelId}`, {
      fix: "pass --model engine:base (or engine:<checkpoint folder>), or --backend torch for a Hugging Face model",
    });
  }
  return resolveCheckpointDir(modelId.slice("engine:".length), checkpointsDir, cwd);
}
