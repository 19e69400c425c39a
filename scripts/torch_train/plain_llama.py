"""A Llama causal LM in plain PyTorch, for Hugging Face Llama folders such as breakfix's engine exports.

Used when `transformers` is absent (Debian's python3-torch has no transformers) or asked for with
--impl plain. It reads and writes the folder itself: config.json, model.safetensors (F32, F16 or BF16;
parsed here, no `safetensors` package needed) and the tokenizer files, which it copies unchanged. The
arithmetic is Hugging Face Llama's: RMSNorm, rotate-half RoPE, grouped-query attention, SwiGLU, optionally
tied embeddings. It takes token ids; the caller tokenises (breakfix writes pre-tokenised rows).
"""
import json
import math
import os
import shutil
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F

DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16}
COPIED = ["config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "generation_config.json"]


def read_safetensors(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] not in DTYPES:
            raise SystemExit(f"{path}: tensor {name} has dtype {info['dtype']}; plain Llama reads F32, F16, BF16")
        start, end = info["data_offsets"]
        t = torch.frombuffer(bytearray(data[start:end]), dtype=DTYPES[info["dtype"]])
        out[name] = t.reshape(info["shape"]).float()
    return out


def write_safetensors(path, tensors):
    header, blobs, at = {}, [], 0
    for name, t in tensors.items():
        b = t.detach().to(torch.float32).contiguous().cpu().numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [at, at + len(b)]}
        blobs.append(b)
        at += len(b)
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(raw)) + raw)
        for b in blobs:
            f.write(b)
    os.replace(tmp, path)


class RmsNorm(nn.Module):
    def __init__(self, d, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(d))
        self.eps = eps

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rotate_half(x):
    a, b = x.chunk(2, dim=-1)
    return torch.cat((-b, a), dim=-1)


class Layer(nn.Module):
    def __init__(self, c):
        super().__init__()
        d, h, kv = c["hidden_size"], c["num_attention_heads"], c["num_key_value_heads"]
        self.h, self.kv = h, kv
        self.hd = c.get("head_dim") or d // h
        self.input_layernorm = RmsNorm(d, c["rms_norm_eps"])
        self.post_attention_layernorm = RmsNorm(d, c["rms_norm_eps"])
        self.self_attn = nn.ModuleDict({
            "q_proj": nn.Linear(d, h * self.hd, bias=False),
            "k_proj": nn.Linear(d, kv * self.hd, bias=False),
            "v_proj": nn.Linear(d, kv * self.hd, bias=False),
            "o_proj": nn.Linear(h * self.hd, d, bias=False),
        })
        f = c["intermediate_size"]
        self.mlp = nn.ModuleDict({
            "gate_proj": nn.Linear(d, f, bias=False),
            "up_proj": nn.Linear(d, f, bias=False),
            "down_proj": nn.Linear(f, d, bias=False),
        })

    def forward(self, x, cos, sin, mask):
        B, T, _ = x.shape
        a = self.self_attn
        y = self.input_layernorm(x)
        q = a["q_proj"](y).view(B, T, self.h, self.hd).transpose(1, 2)
        k = a["k_proj"](y).view(B, T, self.kv, self.hd).transpose(1, 2)
        v = a["v_proj"](y).view(B, T, self.kv, self.hd).transpose(1, 2)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        rep = self.h // self.kv
        k, v = k.repeat_interleave(rep, dim=1), v.repeat_interleave(rep, dim=1)
        scores = (q @ k.transpose(-1, -2)) / math.sqrt(self.hd) + mask
        att = F.softmax(scores.float(), dim=-1).to(q.dtype) @ v
        x = x + a["o_proj"](att.transpose(1, 2).reshape(B, T, -1))
        m = self.mlp
        y = self.post_attention_layernorm(x)
        return x + m["down_proj"](F.silu(m["gate_proj"](y)) * m["up_proj"](y))


class PlainLlama(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        self.embed_tokens = nn.Embedding(c["vocab_size"], c["hidden_size"])
        self.layers = nn.ModuleList(Layer(c) for _ in range(c["num_hidden_layers"]))
        self.norm = RmsNorm(c["hidden_size"], c["rms_norm_eps"])
        self.tied = c.get("tie_word_embeddings", False)
        if not self.tied:
            self.lm_head = nn.Linear(c["hidden_size"], c["vocab_size"], bias=False)

    def forward(self, input_ids, attention_mask=None):
        # Right padding only: a causal mask keeps every real token from seeing the padding after it.
        B, T = input_ids.shape
        hd = self.layers[0].hd
        inv = self.c.get("rope_theta", 10000.0) ** (-torch.arange(0, hd, 2, dtype=torch.float64) / hd)
        ang = torch.arange(T, dtype=torch.float64)[:, None] * inv[None, :]
        cos = torch.cat((ang.cos(), ang.cos()), -1).float().to(input_ids.device)
        sin = torch.cat((ang.sin(), ang.sin()), -1).float().to(input_ids.device)
        mask = torch.full((T, T), float("-inf"), device=input_ids.device).triu(1)
        x = self.embed_tokens(input_ids)
        for layer in self.layers:
            x = layer(x, cos, sin, mask)
        x = self.norm(x)
        return x @ self.embed_tokens.weight.t() if self.tied else self.lm_head(x)

    # Hugging Face names: "model." before everything but the head.
    def hf_state(self):
        return {(k if k.startswith("lm_head") else "model." + k): v for k, v in self.state_dict().items()}

    def save_folder(self, src, out):
        os.makedirs(out, exist_ok=True)
        write_safetensors(os.path.join(out, "model.safetensors"), self.hf_state())
        for name in COPIED:
            if os.path.exists(os.path.join(src, name)):
                shutil.copyfile(os.path.join(src, name), os.path.join(out, name))


def load_plain(folder):
    with open(os.path.join(folder, "config.json"), encoding="utf8") as f:
        c = json.load(f)
    if c.get("model_type") != "llama":
        raise SystemExit(f"{folder}: model_type {c.get('model_type')!r}; plain PyTorch trains Llama folders only")
    model = PlainLlama(c)
    tensors = read_safetensors(os.path.join(folder, "model.safetensors"))
    state = {k[len("model."):] if k.startswith("model.") else k: v for k, v in tensors.items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise SystemExit(f"{folder}: weights do not match the config (missing {missing[:3]}, unexpected {unexpected[:3]})")
    return model
