/**
 * Throughput of the benchmark harness (`runBench`: plan into SQLite, query through the `openai:` provider
 * stack, judge, batched writes, metrics from the store) against a local OpenAI-compatible stub, side by
 * side with promptfoo's `eval` on the same prompts and the same stub.
 *
 *   npm install --prefix /tmp/promptfoo-bench promptfoo@0.121   # for the comparison only, not a dependency
 *   npx tsx perf/harness-throughput.ts [--prompts 2000] [--rounds 3] [--concurrency 64] [--json]
 *                                       [--promptfoo /tmp/promptfoo-bench/node_modules/.bin/promptfoo]
 *                                       [--inline-writes]
 *
 * Both tools get the same 2,000 prompts, each with an exact-match check on the stub's reply (the harness's
 * `capability` suite, promptfoo's `equals` assertion), concurrency 64 (`-j 64 --no-cache`), and a stub in a
 * child process (zero latency, then 50 ms). The harness is timed in-process from `runBench` start to its
 * report; promptfoo as the `eval` process (its startup included), so its own "Duration" is printed too.
 * A third column sends the same calls through the provider stack alone (no store, no judge): when the
 * harness and it fall short of the ideal alike, the shortfall is the machine, not the harness. Harness
 * and provider stack swap places each round; promptfoo runs last, then the machine gets 2 s to settle.
 * `--inline-writes` commits the harness's batches on the main thread instead of its writer thread.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { runBench, suiteRegistry } from "../src/bench/index.js";
import { median, sleep, user } from "../src/core/index.js";
import { createJudge } from "../src/judges/index.js";
import { createModelResolver } from "../src/models/index.js";
import { startStubChatServer } from "../src/models/testing/stub-chat-server.js";
import { openStore } from "../src/store/index.js";

const { values: args } = parseArgs({
  options: {
    prompts: { type: "string", default: "2000" },
    rounds: { type: "string", default: "3" },
    concurrency: { type: "string", default: "64" },
    promptfoo: { type: "string", default: "/tmp/promptfoo-bench/node_modules/.bin/promptfoo" },
    json: { type: "boolean", default: false },
    "inline-writes": { type: "boolean", default: false },
    serve: { type: "string" },
  },
});

/** Child mode: the stub server, replying `echo: <prompt>` after a fixed delay; prints its base URL. */
async function serve(delayMs: number): Promise<void> {
  const stub = await startStubChatServer();
  const base = stub.baseUrl;
  stub.setHandler((r) => {
    const content = (JSON.parse(r.body) as { messages: { role: string; content: string }[] }).messages.at(
      -1,
    )?.content;
    return { reply: `echo: ${content ?? ""}`, delayMs };
  });
  console.log(base);
}

async function startStub(delayMs: number): Promise<{ baseUrl: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", import.meta.filename, "--serve", String(delayMs)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const baseUrl = await new Promise<string>((resolve, reject) => {
    child.stdout?.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`stub exited with ${code}`)));
  });
  return { baseUrl, child };
}

const N = Number(args.prompts);
const C = Number(args.concurrency);
const ROUNDS = Number(args.rounds);
const PROMPTS = Array.from(
  { length: N },
  (_, i) => `Question ${i}: summarise the break-fix cycle in one sentence.`,
);

function stubResolver(baseUrl: string, dir: string) {
  return createModelResolver(
    {
      providers: {
        stub: {
          type: "openai",
          baseUrl,
          headers: {},
          concurrency: C,
          timeoutMs: 30_000,
          maxRetries: 0,
          cache: false,
        },
      },
      cacheDir: dir,
      cache: false,
    },
    { env: {} },
  );
}

/** The same N calls through the provider stack alone (no store, no judge): what the machine allows. */
async function providerOnlyRun(baseUrl: string, dir: string): Promise<number> {
  const resolver = stubResolver(baseUrl, dir);
  const model = resolver.resolve("stub:stub-model");
  let next = 0;
  let failed = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < N) {
      const prompt = PROMPTS[next++] as string;
      const r = await model.generate([user(prompt)], { temperature: 0, maxTokens: 16 });
      if (!r.ok || r.text !== `echo: ${prompt}`) failed++;
    }
  };
  await Promise.all(Array.from({ length: C }, worker));
  const seconds = (performance.now() - started) / 1000;
  await resolver.close();
  if (failed) throw new Error(`provider-only: ${failed} calls failed`);
  return N / seconds;
}

async function harnessRun(baseUrl: string, dir: string, round: number): Promise<number> {
  const tasks = path.join(dir, "tasks.jsonl");
  writeFileSync(
    tasks,
    PROMPTS.map((p, i) => JSON.stringify({ id: `q${i}`, prompt: p, expected: `echo: ${p}` })).join("\n"),
  );
  const resolver = stubResolver(baseUrl, dir);
  const store = openStore(path.join(dir, `harness-${round}-${Date.now()}.db`));
  try {
    const started = performance.now();
    const result = await runBench({
      store,
      registry: suiteRegistry,
      suites: ["capability"],
      model: resolver.resolve("stub:stub-model"),
      createJudge: (spec) =>
        createJudge(spec, {
          resolveModel: () => {
            throw new Error(spec.id);
          },
        }),
      loadSamples: async () => [],
      concurrency: C,
      suiteOptions: { capabilityFile: tasks },
      generate: { temperature: 0, maxTokens: 16 },
      backgroundWrites: !args["inline-writes"],
    });
    const seconds = (performance.now() - started) / 1000;
    const accuracy = result.report.suites[0]?.metrics[0];
    if (accuracy?.kind !== "rate" || accuracy.k !== N)
      throw new Error(`harness: expected ${N} correct, got ${JSON.stringify(accuracy)}`);
    return N / seconds;
  } finally {
    store.close();
    await resolver.close();
  }
}

async function promptfooRun(baseUrl: string, dir: string): Promise<{ rps: number; reported?: string }> {
  const csv = path.join(dir, "tests.csv");
  const quote = (s: string): string => `"${s.replaceAll('"', '""')}"`;
  writeFileSync(
    csv,
    ["prompt,__expected", ...PROMPTS.map((p) => `${quote(p)},${quote(`equals:echo: ${p}`)}`)].join("\n"),
  );
  const config = path.join(dir, "promptfooconfig.yaml");
  writeFileSync(
    config,
    [
      "prompts: ['{{prompt}}']",
      "providers:",
      "  - id: openai:chat:stub-model",
      "    config:",
      `      apiBaseUrl: ${baseUrl}`,
      "      apiKey: stub-key",
      "      max_tokens: 16",
      "      temperature: 0",
      `tests: file://${csv}`,
    ].join("\n"),
  );
  const out = path.join(dir, "promptfoo-out.json");
  const started = performance.now();
  const { stdout, stderr } = await promisify(execFile)(
    args.promptfoo as string,
    [
      "eval",
      "-c",
      config,
      "-j",
      String(C),
      "--no-cache",
      "--no-progress-bar",
      "--no-table",
      "--no-write",
      "-o",
      out,
    ],
    {
      env: {
        ...process.env,
        PROMPTFOO_DISABLE_TELEMETRY: "1",
        PROMPTFOO_DISABLE_UPDATE: "1",
        PROMPTFOO_CONFIG_DIR: dir,
      },
      maxBuffer: 64 << 20,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const plain = `${stdout}\n${stderr}`.replace(/\x1b\[[0-9;]*m/g, "");
  // The written results are the record (the console summary has gone missing under load).
  const stats = existsSync(out)
    ? (JSON.parse(readFileSync(out, "utf8")) as { results?: { stats?: Record<string, number> } }).results
        ?.stats
    : undefined;
  const passed = stats?.["successes"] ?? Number(/(\d[\d,]*) passed/.exec(plain)?.[1]?.replaceAll(",", ""));
  if (passed !== N) {
    throw new Error(
      `promptfoo: expected ${N} passed, got ${JSON.stringify(stats ?? passed)}; output:\n${plain.slice(-2000)}`,
    );
  }
  rmSync(out, { force: true });
  return { rps: N / seconds, reported: /Duration:\s*([^\n]+)/.exec(plain)?.[1]?.trim() };
}

interface Row {
  /** Each round's req/s, in round order (the medians below are over these). */
  rounds: { harness: number[]; providerOnly: number[]; promptfoo: number[] };
  stubLatencyMs: number;
  harnessRps: number;
  providerOnlyRps: number;
  promptfooRps?: number;
  promptfooReportedDuration?: string;
  idealRps?: number;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "breakfix-throughput-"));
  const withPromptfoo = existsSync(args.promptfoo as string);
  const loadAtStart = loadavg();
  const rows: Row[] = [];
  try {
    for (const latency of [0, 50]) {
      const stub = await startStub(latency);
      try {
        await harnessRun(stub.baseUrl, dir, -1); // warm-up: JIT, connection pool
        const hs: number[] = [];
        const os: number[] = [];
        const ps: number[] = [];
        let reported: string | undefined;
        // Interleaved so drift in machine load hits every column alike; harness and provider stack swap
        // places each round, and promptfoo goes last, followed by a pause: its wake (the stub closing its
        // sockets and collecting its garbage) slowed whichever column ran right after it.
        const harness = async () => {
          hs.push(await harnessRun(stub.baseUrl, dir, hs.length));
        };
        const providerOnly = async () => {
          os.push(await providerOnlyRun(stub.baseUrl, dir));
        };
        for (let r = 0; r < ROUNDS; r++) {
          for (const step of r % 2 === 0 ? [harness, providerOnly] : [providerOnly, harness]) await step();
          if (withPromptfoo) {
            const p = await promptfooRun(stub.baseUrl, dir);
            ps.push(p.rps);
            reported = p.reported;
            await sleep(2000);
          }
        }
        rows.push({
          rounds: { harness: hs, providerOnly: os, promptfoo: ps },
          stubLatencyMs: latency,
          harnessRps: median(hs),
          providerOnlyRps: median(os),
          promptfooRps: withPromptfoo ? median(ps) : undefined,
          promptfooReportedDuration: reported,
          idealRps: latency > 0 ? C / (latency / 1000) : undefined,
        });
      } finally {
        stub.child.kill();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const meta = {
    node: process.version,
    prompts: N,
    concurrency: C,
    rounds: ROUNDS,
    writes: args["inline-writes"] ? "inline" : "writer thread",
    loadAverageAtStart: loadAtStart,
    loadAverage: loadavg(),
    cpus: cpus().length,
  };
  if (args.json) {
    console.log(JSON.stringify({ ...meta, rows }, null, 2));
    return;
  }
  const f = (x: number | undefined): string => (x === undefined ? "n/a" : x.toFixed(0)).padStart(8);
  console.log(
    `harness throughput — ${meta.node}, ${N} prompts, concurrency ${C}, median of ${ROUNDS} rounds, results committed ${args["inline-writes"] ? "inline" : "by the writer thread"}`,
  );
  if (!withPromptfoo)
    console.log(`(promptfoo not found at ${args.promptfoo}: install it as shown at the top of this file)`);
  console.log(
    "\nstub latency   harness req/s   promptfoo req/s   harness/promptfoo   harness % of ideal   promptfoo % of ideal   provider stack alone req/s (% of ideal)",
  );
  for (const r of rows) {
    const ratio = r.promptfooRps ? `${(r.harnessRps / r.promptfooRps).toFixed(2)}×` : "n/a";
    const pct = (x: number | undefined): string =>
      x && r.idealRps ? `${((100 * x) / r.idealRps).toFixed(1)}%` : "n/a";
    console.log(
      `  ${`${r.stubLatencyMs} ms`.padEnd(10)}   ${f(r.harnessRps)}        ${f(r.promptfooRps)}          ${ratio.padStart(8)}            ${pct(r.harnessRps).padStart(7)}              ${pct(r.promptfooRps).padStart(7)}                ${f(r.providerOnlyRps)} ${r.idealRps ? `(${pct(r.providerOnlyRps)})` : ""}`,
    );
  }
  for (const r of rows) {
    if (r.promptfooReportedDuration) {
      console.log(
        `promptfoo's own "Duration" at ${r.stubLatencyMs} ms (last round): ${r.promptfooReportedDuration}`,
      );
    }
  }
  console.log(
    `\nload average at the start: ${loadAtStart.map((x) => x.toFixed(2)).join(", ")}; at the end: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(", ")} (${cpus().length} CPUs)`,
  );
}

if (args.serve !== undefined) await serve(Number(args.serve));
else await main();
