import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../store/index.js";
import { createTrainingBackend } from "../../train/index.js";
import { torchPython } from "../../train/testing/torch-python.js";
import { runCycle } from "../run-cycle.js";
import { testCycleEnv, tinyCycleConfig } from "../testing/cycle-test-kit.js";
import { cycleTrainerSpec } from "./cycle-trainer.js";
import { servingCheckpoints } from "./served-checkpoints.js";

// A cycle as a team runs a real model: trained by the PyTorch script, each checkpoint measured through an
// inference server it names. Here the server is `breakfix serve` and the model the built-in one (the
// script's plain-PyTorch path), so it runs on a CPU; with a GPU the command would be e.g. `vllm serve`.
const python = torchPython("the served-checkpoint cycle");
const main = path.resolve(import.meta.dirname, "../../cli/main.ts");
const dir = mkdtempSync(path.join(tmpdir(), "breakfix-served-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!python)("a cycle with the torch backend and a serve command", () => {
  it("trains through the real script, serves each checkpoint, measures it over HTTP, and stops the server", async () => {
    const config = tinyCycleConfig({
      training: {
        backend: "torch",
        torch: { python },
        sft: { steps: 2, batchSize: 4 },
        dpo: { steps: 1, batchSize: 2 },
        serve: {
          command: [
            process.execPath,
            "--import",
            "tsx",
            main,
            "serve",
            "engine:{checkpoint}",
            "--port",
            "{port}",
          ],
          startupTimeoutS: 120,
        },
      },
    });
    const store = openStore(path.join(dir, "cycle.db"));
    const base = testCycleEnv(store, dir);
    const logDir = path.join(dir, "serve-logs");
    const env = servingCheckpoints(
      {
        ...base,
        trainer: createTrainingBackend(cycleTrainerSpec(config.training), { cwd: dir, processEnv: {} }),
      },
      config.training.serve!,
      {
        logDir,
      },
    );
    let outcome: Awaited<ReturnType<typeof runCycle>>;
    try {
      outcome = await runCycle(env, { config, outRoot: path.join(dir, "cycles"), cycleId: "cycle-served" });
    } finally {
      await env.close?.();
    }
    const r1 = outcome.state.rounds[1]!;
    const trained = r1.model?.kind === "served" ? r1.model.trained : undefined;
    expect(trained?.kind).toBe("engine");
    const checkpoint = trained?.kind === "engine" ? trained.name : "";
    expect(existsSync(path.join(checkpoint, "model.safetensors"))).toBe(true);
    // The round's measurements went through the server: its log shows it started and answered.
    const logs = readdirSync(logDir).filter((f) => f.endsWith(".log"));
    expect(logs.length).toBeGreaterThan(0);
    expect(readFileSync(path.join(logDir, logs[0]!), "utf8")).toContain("Serving engine:");
    const bench = store.runs.get(r1.benchRuns["heldout-refusal"]!);
    expect(bench?.status).toBe("done");
    expect(store.runs.get("cycle-served")?.status).toBe("done");
    // Stopped: nothing answers at the address any more (the port was the server's alone).
    const port = /127\.0\.0\.1:(\d+)/.exec(readFileSync(path.join(logDir, logs[0]!), "utf8"))?.[1];
    await expect(fetch(`http://127.0.0.1:${port}/v1/models`)).rejects.toThrow();
  }, 300_000);
});
