/**
 * Harness overhead of the `openai:` provider stack (resolver + standard middleware, cache off) against a
 * local stub server, next to a bare `fetch` loop measured in the same run.
 *
 *   npx tsx perf/provider-overhead.ts [--rounds 5] [--seconds 1] [--json]
 *
 * The stub runs in a child process so its CPU is not charged to the client loop being measured.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { median, user } from "../src/core/index.js";
import { createModelResolver, type ModelResolver } from "../src/models/index.js";

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "5" },
    seconds: { type: "string", default: "1" },
    json: { type: "boolean", default: false },
  },
});
const ROUNDS = Number(args.rounds);
const TRIAL_MS = Number(args.seconds) * 1000;
const PROMPT = [user("Summarise the break-fix cycle in one sentence. ".repeat(4))];

/** A minimal OpenAI-compatible stub: fixed completion, optional fixed latency; prints its port. */
const STUB_SOURCE = `
const http = require("node:http");
const delay = Number(process.argv[1] || 0);
const body = JSON.stringify({ id: "x", object: "chat.completion", model: "stub",
  choices: [{ index: 0, message: { role: "assistant", content: "The cycle breaks a model, then fixes it." }, finish_reason: "stop" }],
  usage: { prompt_tokens: 50, completion_tokens: 9, total_tokens: 59 } });
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const send = () => { res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }); res.end(body); };
    delay > 0 ? setTimeout(send, delay) : send();
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
`;

async function startStub(delayMs: number): Promise<{ baseUrl: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["-e", STUB_SOURCE, String(delayMs)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`stub exited with ${code}`)));
  });
  return { baseUrl: `http://127.0.0.1:${port}/v1`, child };
}

/**
 * Runs `call` from `concurrency` loops for TRIAL_MS; returns calls per second over the window from the
 * start to the last completion inside it (calls still running at the end are not counted, and neither is
 * the time they take, so a slow stub's last partial round does not bias the rate down).
 */
async function throughput(concurrency: number, call: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  const end = started + TRIAL_MS;
  let done = 0;
  let lastDone = started;
  let failed = 0;
  const loop = async (): Promise<void> => {
    while (performance.now() < end) {
      const ok = await call();
      const t = performance.now();
      if (!ok) failed++;
      else if (t <= end) {
        done++;
        lastDone = t;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  if (failed > 0) throw new Error(`${failed} calls failed during the benchmark`);
  return done / ((lastDone - started) / 1000);
}

function harness(
  baseUrl: string,
  cacheDir: string,
): { resolver: ModelResolver; call: () => Promise<boolean> } {
  const resolver = createModelResolver(
    {
      providers: {
        stub: {
          type: "openai",
          baseUrl,
          headers: {},
          concurrency: 64,
          timeoutMs: 10_000,
          maxRetries: 0,
          cache: false,
        },
      },
      cacheDir,
      cache: false,
    },
    { env: {} },
  );
  const model = resolver.resolve("stub:bench-model");
  return { resolver, call: async () => (await model.generate(PROMPT, { maxTokens: 16, temperature: 0 })).ok };
}

function bareFetch(baseUrl: string): () => Promise<boolean> {
  const url = `${baseUrl}/chat/completions`;
  const body = JSON.stringify({ model: "bench-model", messages: PROMPT, max_tokens: 16, temperature: 0 });
  return async () => {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
    const json = (await res.json()) as { choices?: Array<{ message?: { content?: string } }> };
    return res.ok && typeof json.choices?.[0]?.message?.content === "string";
  };
}

interface OverheadRow {
  concurrency: number;
  harnessRps: number;
  bareFetchRps: number;
  ratio: number;
}
interface LatencyRow {
  concurrency: number;
  harnessRps: number;
  bareFetchRps: number;
  idealRps: number;
  percentOfIdeal: number;
  bareFetchPercentOfIdeal: number;
}

async function main(): Promise<void> {
  const cacheDir = mkdtempSync(path.join(tmpdir(), "breakfix-bench-"));
  const zero = await startStub(0);
  const slow = await startStub(50);
  const overhead: OverheadRow[] = [];
  const latency: LatencyRow[] = [];
  try {
    const h = harness(zero.baseUrl, cacheDir);
    const bare = bareFetch(zero.baseUrl);
    await throughput(16, h.call); // warm-up: JIT and connection pools
    await throughput(16, bare);
    for (const c of [1, 16, 64]) {
      const hs: number[] = [];
      const bs: number[] = [];
      // Interleaved so drift in machine load hits both sides alike.
      for (let r = 0; r < ROUNDS; r++) {
        hs.push(await throughput(c, h.call));
        bs.push(await throughput(c, bare));
      }
      const harnessRps = median(hs);
      const bareFetchRps = median(bs);
      overhead.push({ concurrency: c, harnessRps, bareFetchRps, ratio: harnessRps / bareFetchRps });
    }
    await h.resolver.close();

    const s = harness(slow.baseUrl, cacheDir);
    const slowBare = bareFetch(slow.baseUrl);
    for (const c of [16, 64]) {
      const hs: number[] = [];
      const bs: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        hs.push(await throughput(c, s.call));
        bs.push(await throughput(c, slowBare));
      }
      const idealRps = c / 0.05;
      const harnessRps = median(hs);
      const bareFetchRps = median(bs);
      latency.push({
        concurrency: c,
        harnessRps,
        bareFetchRps,
        idealRps,
        percentOfIdeal: (100 * harnessRps) / idealRps,
        bareFetchPercentOfIdeal: (100 * bareFetchRps) / idealRps,
      });
    }
    await s.resolver.close();
  } finally {
    zero.child.kill();
    slow.child.kill();
    rmSync(cacheDir, { recursive: true, force: true });
  }

  const meta = {
    node: process.version,
    loadAverage: loadavg(),
    cpus: cpus().length,
    rounds: ROUNDS,
    trialSeconds: TRIAL_MS / 1000,
    statistic: "median",
  };
  if (args.json) {
    console.log(JSON.stringify({ ...meta, overhead, latency50ms: latency }, null, 2));
    return;
  }
  const f = (x: number): string => x.toFixed(0).padStart(9);
  console.log(`provider overhead — ${meta.node}, median of ${ROUNDS} rounds × ${meta.trialSeconds}s each`);
  console.log("\nzero-latency stub      harness req/s   bare fetch req/s   harness/bare");
  for (const o of overhead) {
    console.log(
      `  concurrency ${String(o.concurrency).padStart(2)}     ${f(o.harnessRps)}          ${f(o.bareFetchRps)}          ${o.ratio.toFixed(2)}`,
    );
  }
  console.log("\n50 ms-latency stub   ideal req/s   harness req/s (% ideal)   bare fetch req/s (% ideal)");
  const pct = (x: number): string => `(${x.toFixed(1)}%)`.padStart(9);
  for (const l of latency) {
    const row = [`  concurrency ${String(l.concurrency).padStart(2)}`, f(l.idealRps), f(l.harnessRps)];
    console.log(
      `${row.join("   ")} ${pct(l.percentOfIdeal)}      ${f(l.bareFetchRps)} ${pct(l.bareFetchPercentOfIdeal)}`,
    );
  }
  console.log(
    `\nload average at the end: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(", ")} on ${cpus().length} CPUs`,
  );
}

await main();
