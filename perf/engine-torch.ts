/**
 * The PyTorch side of perf/engine-train.ts: a plain-torch Llama of the same shape (HF conventions, like
 * scripts/torch-reference.py) served over stdin/stdout so the engine and PyTorch can run in interleaved
 * rounds without paying torch's import time each round. Commands, one JSON object per line:
 *   {"op": "train", "steps": n, "threads": t}  → {"tokPerSec": …}  (AdamW steps on random tokens)
 *   {"op": "decode", "tokens": n, "threads": t} → {"tokPerSec": …}  (greedy, KV cache, batch 1)
 *   {"op": "matmul", "shape": [M, N, K], "reps": r, "threads": t} → {"tokPerSec": GFLOP/s of a·bᵀ}
 * With "clock": "cpu" the rate is per second of the process's CPU time instead of wall-clock time.
 */
export const torchBenchSource = `
import json, math, sys, time
import torch
import torch.nn.functional as F

cfg = json.loads(sys.argv[1])
V, d, L, H, KV, ffn, T, B = (cfg[k] for k in ("vocabSize", "dModel", "nLayers", "nHeads", "nKvHeads", "ffnDim", "contextLength", "batch"))
hd = d // H
torch.manual_seed(0)

def lin(o, i):
    return torch.nn.Parameter(torch.randn(o, i) * 0.02)

params = {"embed": lin(V, d), "norm": torch.nn.Parameter(torch.ones(d)), "head": lin(V, d)}
for l in range(L):
    params.update({f"{l}.n1": torch.nn.Parameter(torch.ones(d)), f"{l}.q": lin(H * hd, d), f"{l}.k": lin(KV * hd, d),
                   f"{l}.v": lin(KV * hd, d), f"{l}.o": lin(d, H * hd), f"{l}.n2": torch.nn.Parameter(torch.ones(d)),
                   f"{l}.g": lin(ffn, d), f"{l}.u": lin(ffn, d), f"{l}.d": lin(d, ffn)})
P = params
inv = 1.0 / (10000.0 ** (torch.arange(0, hd, 2).float() / hd))
ang = torch.outer(torch.arange(T).float(), inv)
COS, SIN = torch.cat((ang, ang), -1).cos(), torch.cat((ang, ang), -1).sin()

def rms(x, w):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-5) * w

def rot(x):
    h = x.shape[-1] // 2
    return torch.cat((-x[..., h:], x[..., :h]), -1)

def forward(tokens, cache=None, start=0):
    b, t = tokens.shape
    cos, sin = COS[start:start + t], SIN[start:start + t]
    x = P["embed"][tokens]
    for l in range(L):
        h = rms(x, P[f"{l}.n1"])
        q = (h @ P[f"{l}.q"].T).view(b, t, H, hd).transpose(1, 2)
        k = (h @ P[f"{l}.k"].T).view(b, t, KV, hd).transpose(1, 2)
        v = (h @ P[f"{l}.v"].T).view(b, t, KV, hd).transpose(1, 2)
        q, k = q * cos + rot(q) * sin, k * cos + rot(k) * sin
        if cache is not None:
            if l in cache:
                k = torch.cat((cache[l][0], k), 2)
                v = torch.cat((cache[l][1], v), 2)
            cache[l] = (k, v)
        a = F.scaled_dot_product_attention(q, k, v, is_causal=(t > 1)) if hasattr(F, "scaled_dot_product_attention") else None
        if a is None:
            s = q @ k.transpose(-1, -2) / math.sqrt(hd)
            if t > 1:
                s = s + torch.full((t, k.shape[2]), float("-inf")).triu(1 + k.shape[2] - t)
            a = s.softmax(-1) @ v
        x = x + a.transpose(1, 2).reshape(b, t, d) @ P[f"{l}.o"].T
        h = rms(x, P[f"{l}.n2"])
        x = x + (F.silu(h @ P[f"{l}.g"].T) * (h @ P[f"{l}.u"].T)) @ P[f"{l}.d"].T
    return rms(x, P["norm"]) @ P["head"].T

opt = torch.optim.AdamW(P.values(), lr=1e-3, weight_decay=0.1)

def clock(cmd):
    # "cpu": this process's CPU time, which other work on a busy machine barely moves (one thread only).
    return time.process_time if cmd.get("clock") == "cpu" else time.perf_counter

def train(steps, now):
    tokens = torch.randint(0, V, (B, T + 1))
    def step():
        opt.zero_grad(set_to_none=True)
        logits = forward(tokens[:, :-1])
        F.cross_entropy(logits.reshape(-1, V), tokens[:, 1:].reshape(-1)).backward()
        torch.nn.utils.clip_grad_norm_(P.values(), 1.0)
        opt.step()
    step()  # warm-up
    t0 = now()
    for _ in range(steps):
        step()
    return steps * B * T / (now() - t0)

@torch.no_grad()
def decode(n, now):
    def run(n):
        cache = {}
        tok = torch.zeros(1, 1, dtype=torch.long)
        for i in range(n):
            tok = forward(tok, cache, i)[:, -1].argmax(-1, keepdim=True)
    run(n)  # warm-up
    t0 = now()
    run(n)
    return n / (now() - t0)

def matmul(M, N, K, reps, now):
    a, b = torch.randn(M, K), torch.randn(N, K)
    a @ b.T  # warm-up
    t0 = now()
    for _ in range(reps):
        a @ b.T
    return 2 * M * N * K * reps / (now() - t0) / 1e9

print(json.dumps({"ready": True, "torch": torch.__version__}), flush=True)
for line in sys.stdin:
    cmd = json.loads(line)
    torch.set_num_threads(cmd["threads"])
    now = clock(cmd)
    if cmd["op"] == "matmul":
        rate = matmul(*cmd["shape"], cmd["reps"], now)
    else:
        rate = train(cmd["steps"], now) if cmd["op"] == "train" else decode(cmd["tokens"], now)
    print(json.dumps({"tokPerSec": rate}), flush=True)
`;
