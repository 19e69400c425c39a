import { median } from "../src/core/index.js";
import { createRng } from "../src/core/rng.js";
import { activeKernelBackend } from "../src/engine/kernels/backend.js";
import { type Batch, createGradients, createLlama, paramCount } from "../src/engine/model/index.js";
import {
  adamWStep,
  clipGradNorm,
  createAdamWState,
  createTrainer,
  decayRanges,
} from "../src/engine/training-loop/index.js";
import { dpoGradients } from "../src/train/engine-trainers/dpo-gradients.js";
import { arg, ENGINE_BENCH_BATCH, ENGINE_BENCH_CONFIG } from "./engine-shape.js";
import { torchBenchSource } from "./engine-torch.js";
import { startPythonWorker } from "./python-worker.js";

const rounds = Number(arg("rounds", "3"));
const steps = Number(arg("steps", "3"));
const threads = arg("threads", "1,2").split(",").map(Number);

const config = ENGINE_BENCH_CONFIG;
const B = ENGINE_BENCH_BATCH;
const T = config.contextLength;

function maskedBatch(seed: number): Batch {
  const rng = createRng(seed);
  const ids = Int32Array.from({ length: B * (T + 1) }, () => rng.int(config.vocabSize));
  const at = (i: number, shift: number) => ids[Math.floor(i / T) * (T + 1) + (i % T) + shift] as number;
  return {
    B,
    T,
    tokens: Int32Array.from({ length: B * T }, (_, i) => at(i, 0)),
    targets: Int32Array.from({ length: B * T }, (_, i) => at(i, 1)),
    weights: Float32Array.from({ length: B * T }, (_, i) => (i % T >= T / 2 ? 1 : 0)),
  };
}

const rate = (run: () => void): number => {
  run(); // warm-up: JIT and buffers
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) run();
  return (steps * B * T) / ((performance.now() - t0) / 1000);
};

function engineSft(): number {
  const batch = maskedBatch(1);
  const trainer = createTrainer(createLlama(config, 1), () => batch, {
    steps: 1000,
    learningRate: 1e-4,
    warmupSteps: 1,
    seed: 1,
  });
  return rate(() => trainer.step());
}

function engineDpo(): number {
  const model = createLlama(config, 1);
  const batch = maskedBatch(2);
  const grads = createGradients(model);
  const optimizer = createAdamWState(model);
  const decay = decayRanges(model);
  const refs = {
    refChosen: [-700, -700, -700, -700],
    refRejected: [-700, -700, -700, -700],
    chosenTokens: [64, 64, 64, 64],
  };
  const adam = { beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0 };
  return rate(() => {
    grads.flat.fill(0);
    dpoGradients(model, grads, batch, refs, { beta: 0.1, loss: "sigmoid" });
    clipGradNorm(grads.flat, 1);
    adamWStep(model.flat, grads.flat, optimizer, 1e-4, adam, decay);
  });
}

const marker = 'print(json.dumps({"ready"';
if (!torchBenchSource.includes(marker))
  throw new Error("perf/engine-torch.ts changed: no ready line to splice at");
/** The engine bench's PyTorch Llama, with SFT and DPO steps of the same shape. */
const torchSource = `${torchBenchSource.slice(0, torchBenchSource.indexOf(marker))}
def masked():
    tokens = torch.randint(0, V, (B, T + 1))
    w = torch.zeros(B, T)
    w[:, T // 2:] = 1
    return tokens, w

def timed(step, steps):
    step()  # warm-up, not timed
    t0 = time.perf_counter()
    for _ in range(steps):
        step()
    return steps * B * T / (time.perf_counter() - t0)

def sft_rate(steps):
    tokens, w = masked()
    def step():
        opt.zero_grad(set_to_none=True)
        logits = forward(tokens[:, :-1])
        nll = F.cross_entropy(logits.reshape(-1, V), tokens[:, 1:].reshape(-1), reduction="none")
        ((nll * w.reshape(-1)).sum() / w.sum()).backward()
        torch.nn.utils.clip_grad_norm_(P.values(), 1.0)
        opt.step()
    return timed(step, steps)

def dpo_rate(steps):
    tokens, w = masked()
    ref = torch.full((B,), -700.0)
    n = B // 2
    def step():
        opt.zero_grad(set_to_none=True)
        logits = forward(tokens[:, :-1])
        lp = torch.gather(F.log_softmax(logits, -1), 2, tokens[:, 1:].unsqueeze(-1)).squeeze(-1)
        s = (lp * w).sum(-1)
        h = (s[:n] - ref[:n]) - (s[n:] - ref[n:])
        (-F.logsigmoid(0.1 * h)).mean().backward()
        torch.nn.utils.clip_grad_norm_(P.values(), 1.0)
        opt.step()
    return timed(step, steps)

print(json.dumps({"ready": True, "torch": torch.__version__}), flush=True)
for line in sys.stdin:
    cmd = json.loads(line)
    torch.set_num_threads(cmd["threads"])
    r = sft_rate(cmd["steps"]) if cmd["op"] == "sft" else dpo_rate(cmd["steps"])
    print(json.dumps({"tokPerSec": r}), flush=True)
`;

const startTorch = () => startPythonWorker(torchSource, { ...config, batch: B });

async function main() {
  console.log(`bench shape: ${JSON.stringify(config)}, batch ${B}, ${paramCount(config)} params`);
  console.log(`engine kernels: ${activeKernelBackend()}`);
  const torch = startTorch();
  console.log(`pytorch: ${JSON.stringify(await torch.ready())}`);
  const results: Record<string, number[]> = {};
  const record = (name: string, value: number) => {
    results[name] ??= [];
    results[name].push(value);
    console.log(`  ${name.padEnd(20)} ${value.toFixed(1)} tok/s`);
  };
  for (let r = 0; r < rounds; r++) {
    console.log(`round ${r + 1}/${rounds}`);
    record("engine sft", engineSft());
    record("engine dpo", engineDpo());
    for (const t of threads)
      record(`torch sft (${t} thr)`, await torch.run({ op: "sft", steps, threads: t }));
    for (const t of threads)
      record(`torch dpo (${t} thr)`, await torch.run({ op: "dpo", steps, threads: t }));
  }
  torch.close();
  const med = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
  console.log("\nmedians (tok/s):");
  for (const [k, v] of Object.entries(med)) console.log(`  ${k.padEnd(20)} ${v.toFixed(1)}`);
  const best = (prefix: string) =>
    Math.max(
      ...Object.entries(med)
        .filter(([k]) => k.startsWith(prefix))
        .map(([, v]) => v),
    );
  for (const kind of ["sft", "dpo"]) {
    console.log(
      `engine/torch ${kind} (torch at its best thread count): ${(best(`engine ${kind}`) / best(`torch ${kind}`)).toFixed(2)}×`,
    );
  }
}

await main();
