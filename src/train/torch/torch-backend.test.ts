import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { silentProgress } from "../../core/index.js";
import { parseModelRef } from "../../models/index.js";
import { openStore } from "../../store/index.js";
import { toTrainingJsonl } from "../../training-data/index.js";
import { refusalPairs, TRAIN_TEMPLATES } from "../testing/refusal-data.js";
import { writeTinyCheckpoint } from "../testing/tiny-checkpoint.js";
import { buildLaunchCommand } from "./launch-command.js";
import { parseScriptLine } from "./metrics-stream.js";
import { runTorchTraining, type TorchTrainingRequest } from "./run-torch-training.js";

const FAKE = fileURLToPath(new URL("../../../test/fixtures/train/fake-torch-train.mjs", import.meta.url));

describe("torch launch commands", () => {
  const args = ["--method", "sft", "--data", "a b; rm -rf /"];
  it("python: one process, arguments passed through untouched", () => {
    expect(buildLaunchCommand({ launcher: "python", python: "/usr/bin/python3" }, "t.py", args)).toEqual({
      command: "/usr/bin/python3",
      args: ["t.py", ...args],
    });
    expect(() => buildLaunchCommand({ launcher: "python", gpusPerNode: 2 }, "t.py", [])).toThrow(
      /one process/,
    );
  });
  it("torchrun: standalone on one node, rendezvous on several", () => {
    expect(buildLaunchCommand({ launcher: "torchrun", gpusPerNode: 8 }, "t.py", args).args).toEqual([
      "--standalone",
      "--nnodes=1",
      "--nproc_per_node=8",
      "t.py",
      ...args,
    ]);
    const multi = buildLaunchCommand(
      { launcher: "torchrun", gpusPerNode: 4, nodes: 2, nodeRank: 1, masterAddr: "10.0.0.1" },
      "t.py",
      [],
    );
    expect(multi.args).toEqual([
      "--nnodes=2",
      "--node_rank=1",
      "--master_addr=10.0.0.1",
      "--master_port=29500",
      "--nproc_per_node=4",
      "t.py",
    ]);
    expect(() => buildLaunchCommand({ launcher: "torchrun", nodes: 2 }, "t.py", [])).toThrow(/rendezvous/);
    expect(() =>
      buildLaunchCommand({ launcher: "torchrun", nodes: 2, nodeRank: 2, masterAddr: "h" }, "t.py", []),
    ).toThrow(/outside/);
  });
  it("accelerate: one GPU, many GPUs, many nodes", () => {
    expect(buildLaunchCommand({ launcher: "accelerate" }, "t.py", []).args).toEqual([
      "launch",
      "--num_processes",
      "1",
      "t.py",
    ]);
    expect(
      buildLaunchCommand(
        { launcher: "accelerate", gpusPerNode: 4, nodes: 2, nodeRank: 0, masterAddr: "h", masterPort: 1234 },
        "t.py",
        ["x"],
      ).args,
    ).toEqual([
      "launch",
      "--multi_gpu",
      "--num_processes",
      "8",
      "--num_machines",
      "2",
      "--machine_rank",
      "0",
      "--main_process_ip",
      "h",
      "--main_process_port",
      "1234",
      "t.py",
      "x",
    ]);
  });
  it("metrics stream: JSON events parsed, anything else is text", () => {
    expect(parseScriptLine('{"event":"step","step":3,"loss":0.5,"note":"x"}')).toEqual({
      event: "step",
      step: 3,
      metrics: { loss: 0.5 },
    });
    expect(parseScriptLine("Warning: something")).toEqual({ event: "text", text: "Warning: something" });
    expect(parseScriptLine('{"event":"step"}')).toMatchObject({ event: "text" });
    expect(parseScriptLine("  ")).toBeUndefined();
  });
});

describe("runTorchTraining with a stand-in script", () => {
  function setup() {
    const dir = mkdtempSync(path.join(tmpdir(), "bf-torch-"));
    writeTinyCheckpoint(path.join(dir, "tiny"));
    const data = path.join(dir, "pairs.jsonl");
    writeFileSync(
      data,
      toTrainingJsonl({ kind: "preference", format: "hh", rows: refusalPairs(TRAIN_TEMPLATES) }),
    );
    const store = openStore(path.join(dir, "t.db"));
    const request: TorchTrainingRequest = {
      method: "dpo",
      model: parseModelRef("engine:./tiny"),
      dataFile: data,
      format: "auto",
      outDir: path.join(dir, "out"),
      steps: 5,
      batchSize: 2,
      learningRate: 1e-5,
      beta: 0.1,
      loss: "sigmoid",
      sftWeight: 0,
      seed: 1,
      loraRank: 0,
      plan: { launcher: "python", python: process.execPath },
      script: FAKE,
    };
    return { dir, store, request };
  }

  it("exports data and model, streams metrics into the store, imports the result with lineage", async () => {
    const { dir, store, request } = setup();
    const notes: string[] = [];
    const r = await runTorchTraining(request, {
      store,
      cwd: dir,
      progress: { ...silentProgress, note: (n) => notes.push(n) },
    });
    expect(r.steps).toBe(5);
    expect(store.metrics.series(r.runId, "loss").map((p) => p.value)).toEqual([2, 1, 2 / 3, 0.5, 0.4]);
    expect(store.metrics.series(r.runId, "rewards/accuracies")).toHaveLength(5);
    expect(notes).toContain("a library warning that is not JSON");
    // An engine model's rows go pre-tokenised with its own template: the script trains on its tokens.
    const exported = readFileSync(path.join(dir, "out", "torch-work", "train.ids.jsonl"), "utf8").split(
      "\n",
    )[0]!;
    const row = JSON.parse(exported) as Record<"chosen" | "rejected", { ids: number[]; mask: number[] }>;
    expect(row.chosen.ids.length).toBe(row.chosen.mask.length);
    expect(row.chosen.mask[0]).toBe(0);
    expect(row.rejected.mask.some((w) => w > 0)).toBe(true);
    expect(store.checkpoints.get(r.checkpointId!)).toMatchObject({
      kind: "dpo",
      parentId: r.parentId,
      location: path.join(dir, "out"),
    });
    expect(store.runs.get(r.runId)?.status).toBe("done");
  });

  it("a launcher that is not installed is one clear error, not a crash", async () => {
    const { dir, store, request } = setup();
    const missing = {
      ...request,
      plan: { launcher: "python" as const, python: path.join(dir, "no-python") },
    };
    await expect(runTorchTraining(missing, { store, cwd: dir, progress: silentProgress })).rejects.toThrow(
      /cannot run .*no-python: not installed or not on PATH/,
    );
    expect(store.runs.list({ kind: "train" })[0]?.status).toBe("failed");
  });

  it("a failing script is an error with its last stderr line, and the run is marked failed", async () => {
    const { dir, store, request } = setup();
    process.env.FAKE_TRAIN_FAIL = "1";
    try {
      await expect(runTorchTraining(request, { store, cwd: dir, progress: silentProgress })).rejects.toThrow(
        /exited with code 3: CUDA out of memory/,
      );
    } finally {
      delete process.env.FAKE_TRAIN_FAIL;
    }
    expect(store.runs.list({ kind: "train" })[0]?.status).toBe("failed");
  });
});
