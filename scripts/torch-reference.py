#!/usr/bin/python3
"""Reference logits, loss and gradients for the engine's Llama, computed with PyTorch.

Writes test/fixtures/engine/torch-reference.json, which src/engine/model/torch-reference.test.ts compares
the engine against (so CI needs no Python). The Llama forward pass is written here in plain torch with
Hugging Face LlamaForCausalLM conventions: RMSNorm x * rsqrt(mean(x^2) + eps) * w, rotate_half RoPE over
the two halves of each head, grouped-query attention where query head h reads key/value head
h // (H / KV), SwiGLU down(silu(gate(x)) * up(x)), Linear weights stored (out, in).

Weights are random float32 values drawn here from a fixed torch seed and stored in the fixture; the
computation runs in float64 on those float32 values so the reference itself carries no rounding noise.

Run:  apt-get install -y python3-torch && /usr/bin/python3 scripts/torch-reference.py
"""
import base64
import json
import math
import os

import torch

CASES = [
    # Grouped-query attention (4 query heads over 2 key/value heads), separate lm_head.
    dict(name="gqa-untied", vocabSize=32, dModel=16, nLayers=2, nHeads=4, nKvHeads=2, ffnDim=40,
         contextLength=16, ropeTheta=10000.0, normEps=1e-5, tiedEmbeddings=False, B=2, T=8),
    # Plain multi-head attention with the output projection tied to the embedding.
    dict(name="mha-tied", vocabSize=24, dModel=12, nLayers=1, nHeads=2, nKvHeads=2, ffnDim=20,
         contextLength=8, ropeTheta=500.0, normEps=1e-6, tiedEmbeddings=True, B=3, T=5),
]


def param_shapes(c):
    hd = c["dModel"] // c["nHeads"]
    d, f = c["dModel"], c["ffnDim"]
    out = [("model.embed_tokens.weight", (c["vocabSize"], d))]
    for i in range(c["nLayers"]):
        p = f"model.layers.{i}."
        out += [
            (p + "input_layernorm.weight", (d,)),
            (p + "self_attn.q_proj.weight", (c["nHeads"] * hd, d)),
            (p + "self_attn.k_proj.weight", (c["nKvHeads"] * hd, d)),
            (p + "self_attn.v_proj.weight", (c["nKvHeads"] * hd, d)),
            (p + "self_attn.o_proj.weight", (d, c["nHeads"] * hd)),
            (p + "post_attention_layernorm.weight", (d,)),
            (p + "mlp.gate_proj.weight", (f, d)),
            (p + "mlp.up_proj.weight", (f, d)),
            (p + "mlp.down_proj.weight", (d, f)),
        ]
    out.append(("model.norm.weight", (d,)))
    if not c["tiedEmbeddings"]:
        out.append(("lm_head.weight", (c["vocabSize"], d)))
    return out


def rms_norm(x, w, eps):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * w


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def llama_logits(c, W, tokens):
    B, T = tokens.shape
    H, KV = c["nHeads"], c["nKvHeads"]
    hd = c["dModel"] // H
    inv_freq = 1.0 / (c["ropeTheta"] ** (torch.arange(0, hd, 2, dtype=torch.float64) / hd))
    freqs = torch.outer(torch.arange(T, dtype=torch.float64), inv_freq)
    emb = torch.cat((freqs, freqs), dim=-1)
    cos, sin = emb.cos(), emb.sin()  # (T, hd)
    mask = torch.full((T, T), float("-inf"), dtype=torch.float64).triu(1)

    x = W["model.embed_tokens.weight"][tokens]  # (B, T, d)
    for i in range(c["nLayers"]):
        p = f"model.layers.{i}."
        h = rms_norm(x, W[p + "input_layernorm.weight"], c["normEps"])
        q = (h @ W[p + "self_attn.q_proj.weight"].T).view(B, T, H, hd).transpose(1, 2)
        k = (h @ W[p + "self_attn.k_proj.weight"].T).view(B, T, KV, hd).transpose(1, 2)
        v = (h @ W[p + "self_attn.v_proj.weight"].T).view(B, T, KV, hd).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = k.repeat_interleave(H // KV, dim=1)
        v = v.repeat_interleave(H // KV, dim=1)
        scores = q @ k.transpose(-1, -2) / math.sqrt(hd) + mask
        att = (scores.softmax(-1) @ v).transpose(1, 2).reshape(B, T, H * hd)
        x = x + att @ W[p + "self_attn.o_proj.weight"].T
        h = rms_norm(x, W[p + "post_attention_layernorm.weight"], c["normEps"])
        gate = h @ W[p + "mlp.gate_proj.weight"].T
        up = h @ W[p + "mlp.up_proj.weight"].T
        x = x + (torch.nn.functional.silu(gate) * up) @ W[p + "mlp.down_proj.weight"].T
    x = rms_norm(x, W["model.norm.weight"], c["normEps"])
    head = W["model.embed_tokens.weight" if c["tiedEmbeddings"] else "lm_head.weight"]
    return x @ head.T  # (B, T, V)


def f32_b64(t):
    return base64.b64encode(t.detach().to(torch.float32).contiguous().numpy().tobytes()).decode()


def run_case(c, seed):
    g = torch.Generator().manual_seed(seed)
    W = {}
    for name, shape in param_shapes(c):
        if name.endswith("norm.weight"):
            w = 1.0 + 0.1 * torch.randn(shape, generator=g)
        else:
            w = 0.2 * torch.randn(shape, generator=g)
        # float32 values, float64 arithmetic
        W[name] = w.to(torch.float32).to(torch.float64).requires_grad_(True)
    B, T, V = c["B"], c["T"], c["vocabSize"]
    tokens = torch.randint(0, V, (B, T), generator=g)
    targets = torch.randint(0, V, (B, T), generator=g)
    weights = (torch.rand((B, T), generator=g) < 0.7).to(torch.float64)
    weights[0, 0] = 0.0  # at least one masked token
    logits = llama_logits(c, W, tokens)
    nll = torch.nn.functional.cross_entropy(logits.view(-1, V), targets.view(-1), reduction="none")
    loss = (nll * weights.view(-1)).sum() / weights.sum()
    loss.backward()
    return {
        "name": c["name"],
        "config": {k: v for k, v in c.items() if k not in ("name", "B", "T")},
        "B": B,
        "T": T,
        "tokens": tokens.view(-1).tolist(),
        "targets": targets.view(-1).tolist(),
        "weights": weights.view(-1).tolist(),
        "params": [{"name": n, "shape": list(s), "f32": f32_b64(W[n])} for n, s in param_shapes(c)],
        "logits": f32_b64(logits),
        "loss": loss.item(),
        "grads": [{"name": n, "f32": f32_b64(W[n].grad)} for n, _ in param_shapes(c)],
    }


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = os.path.join(root, "test", "fixtures", "engine", "torch-reference.json")
    fixture = {
        "generator": "scripts/torch-reference.py",
        "torch": torch.__version__,
        "cases": [run_case(c, seed) for seed, c in enumerate(CASES, start=1)],
    }
    with open(out, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print(f"wrote {out} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
