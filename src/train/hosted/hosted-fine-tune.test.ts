import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type BreakfixError, silentProgress } from "../../core/index.js";
import { openStore } from "../../store/index.js";
import { toTrainingJsonl } from "../../training-data/index.js";
import { refusalPairs, TRAIN_TEMPLATES } from "../testing/refusal-data.js";
import { createFineTuneClient } from "./fine-tune-client.js";
import { attachHostedFineTune, runHostedFineTune } from "./run-hosted-fine-tune.js";

const KEY = "sk-test-secret-123456";
const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = "";
    req.on("data", (c) => (s += c));
    req.on("end", () => resolve(s));
  });

/** A stand-in for the fine-tuning API: the job runs for `polls` status reads, emitting a metric each. */
function stub(o: { polls: number; finalStatus?: string; unavailable?: number; createStatus?: number }) {
  const seen: { method: string; url: string; auth?: string; body: string }[] = [];
  let reads = 0;
  let cancelled = false;
  let outages = 0;
  const events: object[] = [];
  const server: Server = createServer(async (req, res) => {
    const b = await body(req);
    seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body: b });
    const send = (v: unknown, status = 200) => {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(v));
    };
    if (req.headers.authorization !== `Bearer ${KEY}`) return send({ error: { message: "bad key" } }, 401);
    if (req.url === "/v1/files") return send({ id: "file-1", purpose: "fine-tune" });
    if (req.url === "/v1/fine_tuning/jobs" && o.createStatus)
      return send(
        { error: { message: "Model base-model is not available for fine-tuning" } },
        o.createStatus,
      );
    if (req.url === "/v1/fine_tuning/jobs")
      return send({ id: "ftjob-1", status: "validating_files", model: "base-model", fine_tuned_model: null });
    if (req.url?.startsWith("/v1/fine_tuning/jobs/ftjob-1/events")) {
      return send({ data: events.slice().reverse(), has_more: false });
    }
    if (req.url === "/v1/fine_tuning/jobs/ftjob-1/cancel") {
      cancelled = true;
      return send({ id: "ftjob-1", status: "cancelled", model: "base-model", fine_tuned_model: null });
    }
    if (req.url === "/v1/fine_tuning/jobs/ftjob-1" && outages < (o.unavailable ?? 0)) {
      outages++;
      return send({ error: { message: "upstream overloaded" } }, 503);
    }
    if (req.url === "/v1/fine_tuning/jobs/ftjob-1") {
      reads++;
      events.push({
        id: `ev-${reads}`,
        created_at: reads,
        level: "info",
        type: "metrics",
        message: "m",
        data: { step: reads, train_loss: 1 / reads },
      });
      const done = reads >= o.polls;
      const status = done ? (o.finalStatus ?? "succeeded") : "running";
      return send({
        id: "ftjob-1",
        status,
        model: "base-model",
        fine_tuned_model: status === "succeeded" ? "ft:base-model:org::abc" : null,
        error: status === "failed" ? { message: "invalid training data" } : null,
      });
    }
    send({ error: { message: `no route ${req.url}` } }, 404);
  });
  return new Promise<{ url: string; seen: typeof seen; server: Server; cancelled: () => boolean }>(
    (resolve) =>
      server.listen(0, "127.0.0.1", () => {
        const port = (server.address() as AddressInfo).port;
        resolve({ url: `http://127.0.0.1:${port}/v1`, seen, server, cancelled: () => cancelled });
      }),
  );
}

let server: Server | undefined;
afterEach(() => server?.close());

function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), "bf-hosted-"));
  const data = path.join(dir, "pairs.jsonl");
  writeFileSync(
    data,
    toTrainingJsonl({ kind: "preference", format: "trl", rows: refusalPairs(TRAIN_TEMPLATES).slice(0, 4) }),
  );
  return { data, store: openStore(path.join(dir, "t.db")) };
}

describe("hosted fine-tuning (OpenAI jobs API) against a local stub", () => {
  it("uploads OpenAI DPO JSONL, creates a dpo job, polls events into the store, returns the model id", async () => {
    const s = await stub({ polls: 3 });
    server = s.server;
    const { data, store } = setup();
    const client = createFineTuneClient({ baseUrl: s.url, apiKey: KEY });
    const r = await runHostedFineTune(
      client,
      {
        method: "dpo",
        model: "base-model",
        dataFile: data,
        format: "auto",
        hyperparameters: { beta: 0.1 },
        pollMs: 1,
        maxPollMs: 4,
      },
      { store, progress: silentProgress },
    );
    expect(r).toMatchObject({
      jobId: "ftjob-1",
      status: "succeeded",
      fineTunedModel: "ft:base-model:org::abc",
    });
    const upload = s.seen.find((x) => x.url === "/v1/files")!;
    expect(upload.body).toContain('"preferred_output"');
    expect(upload.body).toContain('name="purpose"');
    const create = JSON.parse(s.seen.find((x) => x.url === "/v1/fine_tuning/jobs")!.body);
    expect(create).toEqual({
      model: "base-model",
      training_file: "file-1",
      method: { type: "dpo", dpo: { hyperparameters: { beta: 0.1 } } },
    });
    expect(store.metrics.series(r.runId, "train_loss").map((p) => p.step)).toEqual([1, 2, 3]);
    expect(store.checkpoints.get("hosted-ft:base-model:org::abc")).toMatchObject({
      kind: "dpo",
      parentId: "hosted-base-model",
    });
  });

  it("a failed job is an error with the provider's reason; a wrong key never shows in the message", async () => {
    const s = await stub({ polls: 1, finalStatus: "failed" });
    server = s.server;
    const { data, store } = setup();
    const run = (apiKey: string) =>
      runHostedFineTune(
        createFineTuneClient({ baseUrl: s.url, apiKey }),
        {
          method: "sft",
          model: "base-model",
          dataFile: data,
          format: "auto",
          hyperparameters: {},
          pollMs: 1,
        },
        { store, progress: silentProgress },
      );
    await expect(run(KEY)).rejects.toThrow(/failed: invalid training data/);
    const wrong = "sk-wrong-key-987654321";
    const err = (await run(wrong).catch((e: unknown) => e)) as Error;
    expect(String(err.message)).toMatch(/HTTP 401/);
    expect(String(err.message)).not.toContain(wrong);
    expect(JSON.parse(s.seen.find((x) => x.url === "/v1/fine_tuning/jobs")!.body).method.type).toBe(
      "supervised",
    );
  });

  const request = {
    method: "dpo" as const,
    model: "base-model",
    format: "auto" as const,
    hyperparameters: {},
    pollMs: 5,
    maxPollMs: 5,
  };

  it("aborting once the job exists cancels the job", async () => {
    const s = await stub({ polls: 1000 });
    server = s.server;
    const { data, store } = setup();
    const controller = new AbortController();
    // Abort at a fixed point (the job was just created), not after a wall-clock delay that load can shift.
    const progress = {
      ...silentProgress,
      note: (text: string) => {
        if (text.includes("created")) controller.abort();
      },
    };
    await expect(
      runHostedFineTune(
        createFineTuneClient({ baseUrl: s.url, apiKey: KEY }),
        { ...request, dataFile: data },
        { store, progress, signal: controller.signal },
      ),
    ).rejects.toThrow(/job ftjob-1 cancelled/);
    expect(s.cancelled()).toBe(true);
    expect(store.runs.list({ kind: "train" })[0]?.status).toBe("interrupted");
  });

  it("an abort while the job is being created still cancels the job it created", async () => {
    const s = await stub({ polls: 1000 });
    server = s.server;
    const { data, store } = setup();
    const controller = new AbortController();
    const abortingFetch: typeof fetch = (input, init) => {
      if (String(input).endsWith("/fine_tuning/jobs")) controller.abort();
      return fetch(input, init);
    };
    await expect(
      runHostedFineTune(
        createFineTuneClient({ baseUrl: s.url, apiKey: KEY, fetch: abortingFetch }),
        { ...request, dataFile: data },
        { store, progress: silentProgress, signal: controller.signal },
      ),
    ).rejects.toThrow(/job ftjob-1 cancelled/);
    expect(s.cancelled()).toBe(true);
  });

  it("aborting before a job exists creates none and says so", async () => {
    const s = await stub({ polls: 1000 });
    server = s.server;
    const { data, store } = setup();
    const controller = new AbortController();
    controller.abort();
    await expect(
      runHostedFineTune(
        createFineTuneClient({ baseUrl: s.url, apiKey: KEY }),
        { ...request, dataFile: data },
        { store, progress: silentProgress, signal: controller.signal },
      ),
    ).rejects.toThrow(/cancelled before a job was created/);
    expect(s.seen.some((x) => x.url === "/v1/fine_tuning/jobs")).toBe(false);
    expect(s.cancelled()).toBe(false);
  });

  it("rides out transient 503s while polling, and says so", async () => {
    const s = await stub({ polls: 2, unavailable: 3 });
    server = s.server;
    const { data, store } = setup();
    const notes: string[] = [];
    const r = await runHostedFineTune(
      createFineTuneClient({ baseUrl: s.url, apiKey: KEY }),
      { ...request, dataFile: data, maxPollMs: 8 },
      { store, progress: { ...silentProgress, note: (n) => notes.push(n) } },
    );
    expect(r.status).toBe("succeeded");
    expect(notes.filter((n) => n.includes("HTTP 503")).length).toBe(3);
  });

  it("a lasting outage ends the following, leaves the job running and names the re-attach command", async () => {
    const s = await stub({ polls: 1, unavailable: 1000 });
    server = s.server;
    const { data, store } = setup();
    const err = (await runHostedFineTune(
      createFineTuneClient({ baseUrl: s.url, apiKey: KEY }),
      { ...request, dataFile: data, maxTransientFailures: 3, maxPollMs: 4 },
      { store, progress: silentProgress },
    ).catch((e: unknown) => e)) as BreakfixError;
    expect(err.message).toMatch(/lost contact with fine-tuning job ftjob-1 after 4 failed calls/);
    expect(err.fix).toBe("re-attach when the service answers again: breakfix train attach ftjob-1");
    expect(s.cancelled()).toBe(false);
    expect(store.runs.list({ kind: "train" })[0]?.summary).toMatchObject({ jobId: "ftjob-1" });
  });

  it("a 400 when creating the job says what to fix, exits 2, and is not retried", async () => {
    const s = await stub({ polls: 1, createStatus: 400 });
    server = s.server;
    const { data, store } = setup();
    const err = (await runHostedFineTune(
      createFineTuneClient({ baseUrl: s.url, apiKey: KEY }),
      { ...request, dataFile: data },
      { store, progress: silentProgress },
    ).catch((e: unknown) => e)) as BreakfixError;
    expect(err.message).toMatch(/HTTP 400: Model base-model is not available for fine-tuning/);
    expect(err.exitCode).toBe(2);
    expect(err.fix).not.toMatch(/retry later/);
    expect(s.seen.filter((x) => x.url === "/v1/fine_tuning/jobs")).toHaveLength(1);
  });

  it("attach follows an existing job to its model; Ctrl-C while attached detaches without cancelling", async () => {
    const s = await stub({ polls: 2 });
    server = s.server;
    const { store } = setup();
    const client = createFineTuneClient({ baseUrl: s.url, apiKey: KEY });
    const r = await attachHostedFineTune(
      client,
      { jobId: "ftjob-1", method: "dpo", pollMs: 1, maxPollMs: 2 },
      { store, progress: silentProgress },
    );
    expect(r).toMatchObject({
      jobId: "ftjob-1",
      status: "succeeded",
      fineTunedModel: "ft:base-model:org::abc",
    });
    expect(store.checkpoints.get("hosted-ft:base-model:org::abc")).toMatchObject({ kind: "dpo" });

    const s2 = await stub({ polls: 1000 });
    const controller = new AbortController();
    const progress = { ...silentProgress, note: (t: string) => t.includes("attached") && controller.abort() };
    await expect(
      attachHostedFineTune(
        createFineTuneClient({ baseUrl: s2.url, apiKey: KEY }),
        { jobId: "ftjob-1", pollMs: 5, onAbort: "detach" },
        { store, progress, signal: controller.signal },
      ),
    ).rejects.toThrow(/still running/);
    expect(s2.cancelled()).toBe(false);
    s2.server.close();
  });
});
