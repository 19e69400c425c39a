import { BreakfixError } from "../../core/index.js";
import { createFineTuneClient, type FineTuneClient } from "../hosted/fine-tune-client.js";
import { engineBackend } from "./engine-backend.js";
import { hostedBackend } from "./hosted-backend.js";
import { type TorchSettings, torchBackend } from "./torch-backend.js";
import type { TrainingBackend } from "./training-job.js";

/** Which backend trains, and what it needs beyond the job (`train --backend`, a cycle's `training.backend`). */
export type TrainerSpec =
  | { backend: "engine" }
  | ({ backend: "torch" } & TorchSettings)
  | {
      backend: "openai";
      /** The jobs API (default $OPENAI_BASE_URL, else OpenAI's). */
      baseUrl?: string;
    };

type ProcessEnv = Readonly<Record<string, string | undefined>>;

/** The hosted jobs API, with its key from the environment (it never lands in a config, the store or a log). */
export function fineTuneClientFrom(processEnv: ProcessEnv, baseUrl?: string): FineTuneClient {
  const apiKey = processEnv.OPENAI_API_KEY;
  if (!apiKey) {
    throw new BreakfixError("CONFIG_INVALID", "the openai training backend needs an API key", {
      fix: "set OPENAI_API_KEY (the key of the service that runs the fine-tuning jobs)",
    });
  }
  return createFineTuneClient({
    baseUrl: baseUrl ?? processEnv.OPENAI_BASE_URL ?? "https://api.openai.com/v1",
    apiKey,
  });
}

/** The one place a training backend is built, for `breakfix train` and the cycle alike. */
export function createTrainingBackend(
  spec: TrainerSpec,
  o: { cwd: string; processEnv: ProcessEnv },
): TrainingBackend {
  if (spec.backend === "engine") return engineBackend(o.cwd);
  if (spec.backend === "torch") return torchBackend(o.cwd, spec);
  return hostedBackend(fineTuneClientFrom(o.processEnv, spec.baseUrl), { cwd: o.cwd });
}
