import type { TrainerSpec } from "../../train/index.js";
import type { CycleConfig } from "../cycle-config.js";

/** The training backend a cycle config names (`training.backend`, and `training.torch` for PyTorch). */
export function cycleTrainerSpec(training: CycleConfig["training"]): TrainerSpec {
  if (training.backend !== "torch") return { backend: training.backend };
  const { launcher, gpus: gpusPerNode, python, loraRank } = training.torch;
  return { backend: "torch", loraRank, plan: { launcher, gpusPerNode, ...(python && { python }) } };
}
