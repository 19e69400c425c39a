import { mkdtemp, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCliCaptured } from "../../../test/helpers/run-cli.js";
import { refusalSft, TRAIN_TEMPLATES } from "../../train/testing/refusal-data.js";
import { toTrainingJsonl } from "../../training-data/index.js";

const KEY = "sk-cli-test-abcdef123456";
let server: Server | undefined;
afterEach(() => server?.close());

/** A jobs API whose one job has already succeeded; it records what job creation was sent. */
async function jobsApi(): Promise<{ url: string; created: Record<string, unknown>[] }> {
  const created: Record<string, unknown>[] = [];
  const job = { id: "ftjob-9", status: "succeeded", model: "base", fine_tuned_model: "ft:base::done" };
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const send = (v: unknown) =>
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(v));
      if (req.url === "/v1/files") return send({ id: "file-1" });
      if (req.url === "/v1/fine_tuning/jobs") {
        created.push(JSON.parse(body));
        // Already finished, so the command does not wait out a poll interval.
        return send(job);
      }
      if (req.url?.includes("/events")) return send({ data: [] });
      return send(job);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/v1`, created };
}

describe("train: hosted flags and attach", () => {
  it("--base-url, --suffix, --lr-multiplier and --epochs reach the job; attach follows a job by id", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "bf-train-hosted-"));
    await writeFile(
      path.join(dir, "sft.jsonl"),
      toTrainingJsonl({ kind: "sft", format: "openai", rows: refusalSft(TRAIN_TEMPLATES).slice(0, 3) }),
    );
    const api = await jobsApi();
    const env = { OPENAI_API_KEY: KEY };
    const cli = (args: string[]) =>
      runCliCaptured(["--db", path.join(dir, "t.db"), ...args], { cwd: dir, env });
    const trained = await cli([
      "train",
      "sft",
      "--backend",
      "openai",
      "--model",
      "base",
      "--data",
      "sft.jsonl",
      "--base-url",
      api.url,
      "--suffix",
      "safety-r1",
      "--lr-multiplier",
      "0.5",
      "--epochs",
      "2",
    ]);
    expect(trained.stderr).not.toContain("breakfix:");
    expect(trained.code).toBe(0);
    expect(api.created[0]).toMatchObject({
      model: "base",
      suffix: "safety-r1",
      method: {
        type: "supervised",
        supervised: { hyperparameters: { n_epochs: 2, learning_rate_multiplier: 0.5 } },
      },
    });
    // A provider-prefixed id reaches the jobs API as the provider's own name, as in a cycle.
    const prefixed = await cli([
      "train",
      "sft",
      "--backend",
      "openai",
      "--model",
      "openai:base",
      "--data",
      "sft.jsonl",
      "--base-url",
      api.url,
    ]);
    expect(prefixed.code).toBe(0);
    expect(api.created[1]).toMatchObject({ model: "base" });
    const attached = await cli([
      "--json",
      "train",
      "attach",
      "ftjob-9",
      "--base-url",
      api.url,
      "--method",
      "dpo",
    ]);
    expect(attached.code).toBe(0);
    expect(JSON.parse(attached.stdout)).toMatchObject({ jobId: "ftjob-9", fineTunedModel: "ft:base::done" });
    expect(api.created).toHaveLength(2);
    const bad = await cli(["train", "attach", "ftjob-9", "--base-url", api.url, "--method", "ppo"]);
    expect(bad.code).toBe(2);
  });
});
