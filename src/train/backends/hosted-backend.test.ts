import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { silentProgress } from "../../core/index.js";
import { parseModelRef } from "../../models/index.js";
import { openStore } from "../../store/index.js";
import { toTrainingJsonl } from "../../training-data/index.js";
import type { FineTuneClient, FineTuneJob } from "../hosted/fine-tune-client.js";
import { refusalPairs, TRAIN_TEMPLATES } from "../testing/refusal-data.js";
import { hostedBackend } from "./hosted-backend.js";
import type { TrainingJob } from "./training-job.js";

/** An in-memory jobs API: one job that succeeds after `polls` status reads; `crash` makes events throw. */
function fakeApi(state: { created: number; reads: number; crash: boolean }, polls = 2): FineTuneClient {
  const job = (): FineTuneJob => ({
    id: "ftjob-7",
    model: "base",
    status: state.reads >= polls ? "succeeded" : "running",
    fine_tuned_model: state.reads >= polls ? "ft:base::x" : null,
  });
  return {
    uploadFile: async () => ({ id: "file-1" }),
    createJob: async () => {
      state.created++;
      return { ...job(), status: "queued" };
    },
    getJob: async () => {
      state.reads++;
      return job();
    },
    listEvents: async () => {
      if (state.crash) throw new Error("the process died here");
      return [];
    },
    cancel: async () => ({ ...job(), status: "cancelled" }),
  };
}

const fast = { pollMs: 1, maxPollMs: 2 };

describe("hosted training backend", () => {
  it("a stage redone after a crash follows its job again instead of creating a second one", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bf-hosted-cycle-"));
    const data = path.join(dir, "pairs.jsonl");
    writeFileSync(
      data,
      toTrainingJsonl({ kind: "preference", format: "trl", rows: refusalPairs(TRAIN_TEMPLATES).slice(0, 3) }),
    );
    const store = openStore(path.join(dir, "t.db"));
    const request: TrainingJob = {
      method: "dpo",
      model: parseModelRef("openai:base"),
      dataFile: data,
      format: "auto",
      outDir: path.join(dir, "out"),
      seed: 1,
      runId: "cycle-1-r1-dpo",
      batchSize: 8,
      validationFraction: 0,
      patience: 0,
      beta: 0.1,
      loss: "sigmoid",
      sftWeight: 0,
      resume: true,
    };
    const state = { created: 0, reads: 0, crash: true };
    const io = { store, progress: silentProgress };
    await expect(hostedBackend(fakeApi(state), { cwd: dir, poll: fast }).train(request, io)).rejects.toThrow(
      /died/,
    );
    expect(state.created).toBe(1);
    state.crash = false;
    const result = await hostedBackend(fakeApi(state), { cwd: dir, poll: fast }).train(request, io);
    expect(result.model.id).toBe("openai:ft:base::x");
    expect(state.created).toBe(1);
    // Another stage (another run id) gets its own job.
    await hostedBackend(fakeApi(state), { cwd: dir, poll: fast }).train(
      { ...request, runId: "cycle-1-r2-dpo" },
      io,
    );
    expect(state.created).toBe(2);
  });
});
