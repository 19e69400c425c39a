import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../../test/helpers/run-cli.js";
import { type StubChatServer, startStubChatServer } from "../models/testing/stub-chat-server.js";
import { refusalSft, TRAIN_TEMPLATES } from "../train/testing/refusal-data.js";
import { toTrainingJsonl } from "../training-data/index.js";
import { createCliProgress } from "./io.js";
import { REDRAW_LINE, terminalSafe, terminalSafeIo } from "./terminal-io.js";

/**
 * The escape corpus: what a hostile dataset row, provider reply, fine-tuning event or training script
 * could use to retitle the window, recolour, move the cursor, overwrite a line or reorder text.
 */
const CORPUS = [
  "\u001b]0;PWNED\u0007", // OSC window title, BEL-terminated
  "\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\", // OSC 8 hyperlink, ST-terminated
  "\u001b[31mred\u001b[0m\u001b[2J", // CSI colour, clear screen
  "\u009b31m", // C1 CSI
  "\u0085\u008d", // C1 NEL, reverse line feed
  "bell\u0007", // BEL
  "back\b\b\bspace", // backspace
  "over\rwrite", // carriage return
  "del\u007f",
  "\u202eevil\u202c \u2066iso\u2069 \u200f", // bidi overrides, isolates, RLM
  "line\u2028sep",
].join(" ");
const RAW_CONTROL =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

const dir = mkdtempSync(path.join(tmpdir(), "breakfix-escape-"));
let stub: StubChatServer;
let fineTuneApi: Server;
let fineTuneUrl = "";

/** A fine-tuning jobs API whose job fails after one event carrying the corpus. */
function startFineTuneApi(): Promise<string> {
  fineTuneApi = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const send = (v: unknown) =>
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(v));
      const job = { id: "ftjob-1", model: "base", fine_tuned_model: null };
      if (req.url === "/v1/files") return send({ id: "file-1", purpose: "fine-tune" });
      if (req.url === "/v1/fine_tuning/jobs") return send({ ...job, status: "running" });
      if (req.url?.startsWith("/v1/fine_tuning/jobs/ftjob-1/events"))
        return send({ data: [{ id: "ev-1", created_at: 1, level: "info", message: `event ${CORPUS}` }] });
      send({ ...job, status: "failed", error: { message: `job failed ${CORPUS}` } });
    });
  });
  return new Promise((resolve) =>
    fineTuneApi.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(fineTuneApi.address() as AddressInfo).port}/v1`),
    ),
  );
}

beforeAll(async () => {
  stub = await startStubChatServer();
  fineTuneUrl = await startFineTuneApi();
  writeFileSync(
    path.join(dir, "breakfix.yaml"),
    `providers:\n  stub:\n    type: openai\n    baseUrl: ${stub.baseUrl}\n    maxRetries: 0\n    cache: false\n`,
  );
  writeFileSync(path.join(dir, "h.csv"), "id,\u001b]0;PWNED\u0007prompt\n"); // the repro of issue #19
  writeFileSync(
    path.join(dir, "labels.jsonl"),
    `${JSON.stringify({ prompt: "p", response: CORPUS, label: 7 })}\n`,
  );
  writeFileSync(
    path.join(dir, "sft.jsonl"),
    toTrainingJsonl({ kind: "sft", format: "openai", rows: refusalSft(TRAIN_TEMPLATES).slice(0, 3) }),
  );
  // A stand-in interpreter for the torch backend: prints the corpus on both streams, then fails.
  const python = path.join(dir, "fake-python.sh");
  writeFileSync(
    python,
    `#!/bin/sh\nprintf 'out %b\\n' '${shellOctal(CORPUS)}'\nprintf 'err %b\\n' '${shellOctal(CORPUS)}' >&2\nexit 3\n`,
  );
  chmodSync(python, 0o755);
});
afterAll(async () => {
  await stub.close();
  fineTuneApi.close();
});

/** The corpus as `printf %b` octal escapes (UTF-8 bytes), so the shell script itself holds no raw control. */
function shellOctal(text: string): string {
  return [...Buffer.from(text, "utf8")].map((b) => `\\0${b.toString(8).padStart(3, "0")}`).join("");
}

const cli = (argv: string[], env: Record<string, string> = {}) => runCliCaptured(argv, { cwd: dir, env });

function expectEscaped(r: { stdout: string; stderr: string }, mustShow: string): void {
  const all = r.stdout + r.stderr;
  expect(all, JSON.stringify(all)).not.toMatch(RAW_CONTROL);
  expect(all).toContain(mustShow); // the hostile text did reach the output, shown as text
}

describe("every command that echoes external text escapes the corpus", () => {
  it("data check xstest h.csv (the issue's repro): the header is quoted, OSC shown as text", async () => {
    const r = await cli(["data", "check", "xstest", "h.csv"]);
    expect(r.code).toBe(2);
    expectEscaped(r, "\\x1b]0;PWNED\\x07");
  });

  it("models check: a reply and a provider's error body", async () => {
    stub.setHandler(() => ({ reply: CORPUS }));
    expectEscaped(await cli(["models", "check", "stub:m"]), "PWNED");
    stub.setHandler(() => ({ status: 400, body: JSON.stringify({ error: { message: `bad ${CORPUS}` } }) }));
    const failed = await cli(["models", "check", "stub:m"]);
    expect(failed.code).toBe(1);
    expectEscaped(failed, "PWNED");
  });

  it("models check --json: valid JSON whose strings still hold the corpus, no raw byte", async () => {
    stub.setHandler(() => ({ reply: CORPUS }));
    const r = await cli(["--json", "models", "check", "stub:m"]);
    expectEscaped(r, "PWNED");
    expect(JSON.parse(r.stdout).reply).toBe(CORPUS);
  });

  it("model chat: the reply", async () => {
    stub.setHandler(() => ({ reply: CORPUS }));
    const r = await cli(["model", "chat", "stub:m", "hi"]);
    expectEscaped(r, "PWNED");
  });

  it("bench run and bench show: the failure summary quoting the error body", async () => {
    stub.setHandler(() => ({ status: 400, body: JSON.stringify({ error: { message: `bad ${CORPUS}` } }) }));
    const tasks = path.join(dir, "tasks.jsonl");
    writeFileSync(tasks, `${JSON.stringify({ prompt: CORPUS, expected: "x" })}\n`);
    const run = await cli([
      "bench",
      "run",
      "capability",
      "--model",
      "stub:m",
      "--capability-file",
      tasks,
      "--run-id",
      "esc",
    ]);
    expectEscaped(run, "PWNED");
    expectEscaped(await cli(["bench", "show", "esc"]), "PWNED");
  });

  it("data show: a dataset row", async () => {
    writeFileSync(
      path.join(dir, "rows.csv"),
      `id,prompt,type,label,focus,note\n1,"${CORPUS}",homonyms,safe,kill,n\n`,
    );
    const r = await cli(["data", "show", "xstest", "--path", "rows.csv"]);
    expect(r.code, r.stderr).toBe(0);
    expectEscaped(r, "PWNED");
  });

  it("redteam run and redteam show: the target's replies in findings and transcripts", async () => {
    stub.setHandler(() => ({ reply: `Sure, here is how: ${CORPUS}` }));
    const run = await cli(["redteam", "run", "--model", "stub:m", "--limit", "2", "--run-id", "esc-rt"]);
    expectEscaped(run, "esc-rt");
    const show = await cli(["redteam", "show", "esc-rt", "--transcripts"]);
    expectEscaped(show, "PWNED");
  });

  it("judge calibrate: a label file quoting the corpus", async () => {
    const r = await cli(["judge", "calibrate", "--judge", "refusal:strmatch", "--labels", "labels.jsonl"]);
    expect(r.code).toBe(2);
    expectEscaped(r, "labels.jsonl");
  });

  it("train --backend torch: the training script's stdout and stderr", async () => {
    const r = await cli([
      "train",
      "sft",
      "--backend",
      "torch",
      "--launcher",
      "python",
      "--python",
      path.join(dir, "fake-python.sh"),
      "--model",
      "org/model",
      "--data",
      "sft.jsonl",
      "--out",
      "torch-out",
    ]);
    expect(r.code).not.toBe(0);
    expectEscaped(r, "PWNED");
  });

  it("train --backend openai: the hosted job's events and failure reason", async () => {
    const r = await cli(
      ["train", "sft", "--backend", "openai", "--model", "ft:base", "--data", "sft.jsonl", "--out", "ft-out"],
      { OPENAI_API_KEY: "sk-test-key-123456789", OPENAI_BASE_URL: fineTuneUrl },
    );
    expect(r.code).not.toBe(0);
    expectEscaped(r, "event ");
  });
});

describe("the terminal path", () => {
  it("keeps newlines and tabs, escapes every control in the corpus", () => {
    expect(terminalSafe(`a\tb\n${CORPUS}\n`)).not.toMatch(RAW_CONTROL);
    expect(terminalSafe("a\tb\nc\n")).toBe("a\tb\nc\n");
  });

  it("lets through only the progress bar's own redraw on a TTY, escaping the note it carries", () => {
    let written = "";
    const raw = { stdout: () => {}, stderr: (t: string) => (written += t), env: {}, cwd: dir, isTTY: true };
    const io = terminalSafeIo(raw);
    createCliProgress(io, { quiet: false, json: false }).note(`remote ${CORPUS}`);
    expect(written.startsWith(REDRAW_LINE)).toBe(true);
    expect(written.slice(REDRAW_LINE.length)).not.toMatch(RAW_CONTROL);
    expect(terminalSafe(`x${REDRAW_LINE}y`)).not.toMatch(RAW_CONTROL);
  });
});
