#!/usr/bin/env python3
"""SFT or DPO of a Hugging Face causal LM (breakfix's exported engine model, or any HF path) with PyTorch.

Reads the JSONL that `breakfix train --backend torch` exports (OpenAI chat rows for SFT, TRL conversational
rows {prompt, chosen, rejected} for DPO), trains with plain loops (PEFT LoRA when asked and installed),
and writes one JSON object per line on stdout: {"event": "start"|"step"|"eval"|"done", ...}. Everything
else goes to stderr. Launch it with `python`, `accelerate launch` or `torchrun` (DDP through accelerate
when present); only the main process prints metrics and saves.
"""
import argparse
import json
import math
import sys
import time

import torch
import torch.nn.functional as F
from transformers import AutoModelForCausalLM, AutoTokenizer

try:
    from accelerate import Accelerator
except ImportError:  # plain single-process loop
    Accelerator = None


def emit(accel, obj):
    if accel is None or accel.is_main_process:
        sys.stdout.write(json.dumps(obj) + "\n")
        sys.stdout.flush()


def render(tok, messages):
    # Text first, then ids: apply_chat_template's tokenize=True return type differs across versions.
    text = tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=False)
    return tok(text, add_special_tokens=False)["input_ids"]


def encode(tok, prompt, completion, max_len):
    """ids of prompt+completion and a mask of the completion tokens (the only ones trained)."""
    full = render(tok, prompt + completion)
    n_prompt = len(render(tok, prompt)) if prompt else 0
    mask = [0] * n_prompt + [1] * (len(full) - n_prompt)
    return full[:max_len], mask[:max_len]


def encode_sft(tok, messages, max_len):
    ids, mask, prev = [], [], []
    for i, m in enumerate(messages):
        cur = render(tok, messages[: i + 1])
        train = m["role"] == "assistant" and m.get("weight", 1) != 0
        mask += [1 if train else 0] * (len(cur) - len(prev))
        prev = cur
    ids = prev
    return ids[:max_len], mask[:max_len]


def pad_batch(rows, pad_id, device):
    T = max(len(ids) for ids, _ in rows)
    ids = torch.full((len(rows), T), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), T), dtype=torch.float32)
    attn = torch.zeros((len(rows), T), dtype=torch.long)
    for b, (i, m) in enumerate(rows):
        ids[b, : len(i)] = torch.tensor(i)
        mask[b, : len(m)] = torch.tensor(m, dtype=torch.float32)
        attn[b, : len(i)] = 1
    return ids.to(device), mask.to(device), attn.to(device)


def seq_logps(model, ids, mask, attn):
    """Σ log p over masked next-token targets per row, and the count of trained tokens."""
    logits = model(input_ids=ids, attention_mask=attn).logits[:, :-1].float()
    targets, m = ids[:, 1:], mask[:, 1:]
    lp = torch.gather(F.log_softmax(logits, -1), 2, targets.unsqueeze(-1)).squeeze(-1)
    return (lp * m).sum(-1), m.sum(-1)


def dpo_losses(pc, pr, rc, rr, beta, loss_type):
    h = (pc - rc) - (pr - rr)
    if loss_type == "sigmoid":
        return -F.logsigmoid(beta * h)
    if loss_type == "ipo":
        return (h - 1 / (2 * beta)) ** 2
    return torch.relu(1 - beta * h)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--method", choices=["sft", "dpo"], required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--steps", type=int, default=100)
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--lr", type=float, default=1e-5)
    p.add_argument("--beta", type=float, default=0.1)
    p.add_argument("--loss", choices=["sigmoid", "ipo", "hinge"], default="sigmoid")
    p.add_argument("--sft-weight", type=float, default=0.0)
    p.add_argument("--max-length", type=int, default=1024)
    p.add_argument("--lora-rank", type=int, default=0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--bf16", action="store_true")
    a = p.parse_args()

    torch.manual_seed(a.seed)
    accel = Accelerator(mixed_precision="bf16" if a.bf16 else "no") if Accelerator else None
    device = accel.device if accel else torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tok = AutoTokenizer.from_pretrained(a.model)
    pad_id = tok.pad_token_id if tok.pad_token_id is not None else (tok.eos_token_id or 0)
    model = AutoModelForCausalLM.from_pretrained(a.model, torch_dtype=torch.float32)
    peft_used = False
    if a.lora_rank > 0:
        try:
            from peft import LoraConfig, get_peft_model

            model = get_peft_model(model, LoraConfig(r=a.lora_rank, lora_alpha=2 * a.lora_rank, target_modules="all-linear"))
            peft_used = True
        except ImportError:
            print("peft not installed: full fine-tuning", file=sys.stderr)
    model.to(device)

    rows = [json.loads(line) for line in open(a.data, encoding="utf8") if line.strip()]
    if a.method == "sft":
        data = [encode_sft(tok, r["messages"], a.max_length) for r in rows]
    else:
        data = [
            (encode(tok, r["prompt"], r["chosen"], a.max_length), encode(tok, r["prompt"], r["rejected"], a.max_length))
            for r in rows
        ]
        # Reference log-probs once, from the starting weights (LoRA: the same weights, adapters untouched yet).
        model.eval()
        refs = []
        with torch.no_grad():
            for i in range(0, len(data), a.batch_size):
                chunk = data[i : i + a.batch_size]
                ids, mask, attn = pad_batch([c for c, _ in chunk] + [r for _, r in chunk], pad_id, device)
                lp, _ = seq_logps(model, ids, mask, attn)
                n = len(chunk)
                refs += list(zip(lp[:n].tolist(), lp[n:].tolist()))
        model.train()

    opt = torch.optim.AdamW([q for q in model.parameters() if q.requires_grad], lr=a.lr, weight_decay=0.0)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / max(1, a.steps // 10)) * 0.5 * (1 + math.cos(math.pi * s / a.steps)))
    if accel:
        model, opt, sched = accel.prepare(model, opt, sched)
    world = accel.num_processes if accel else 1
    rank = accel.process_index if accel else 0
    emit(accel, {"event": "start", "method": a.method, "rows": len(rows), "steps": a.steps, "world_size": world,
                 "device": str(device), "peft": peft_used, "torch": torch.__version__})
    g = torch.Generator().manual_seed(a.seed)
    order = torch.randperm(len(data), generator=g).tolist()
    pos = rank * a.batch_size
    for step in range(a.steps):
        t0 = time.time()
        idx = [order[(pos + i) % len(order)] for i in range(a.batch_size)]
        pos += a.batch_size * world
        metrics = {}
        if a.method == "sft":
            ids, mask, attn = pad_batch([data[i] for i in idx], pad_id, device)
            lp, count = seq_logps(model, ids, mask, attn)
            loss = -lp.sum() / count.sum().clamp(min=1)
            tokens = int(attn.sum())
        else:
            ids, mask, attn = pad_batch([data[i][0] for i in idx] + [data[i][1] for i in idx], pad_id, device)
            lp, count = seq_logps(model, ids, mask, attn)
            n = len(idx)
            pc, pr = lp[:n], lp[n:]
            rc = torch.tensor([refs[i][0] for i in idx], device=device)
            rr = torch.tensor([refs[i][1] for i in idx], device=device)
            losses = dpo_losses(pc, pr, rc, rr, a.beta, a.loss) + a.sft_weight * (-pc / count[:n].clamp(min=1))
            loss = losses.mean()
            tokens = int(attn.sum())
            with torch.no_grad():
                cr, rj = a.beta * (pc - rc), a.beta * (pr - rr)
                metrics = {
                    "rewards/chosen": cr.mean().item(), "rewards/rejected": rj.mean().item(),
                    "rewards/accuracies": (cr > rj).float().mean().item(), "rewards/margins": (cr - rj).mean().item(),
                    "logps/chosen": pc.mean().item(), "logps/rejected": pr.mean().item(),
                }
        opt.zero_grad()
        if accel:
            accel.backward(loss)
            grad_norm = accel.clip_grad_norm_(model.parameters(), 1.0)
        else:
            loss.backward()
            grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        if device.type == "cuda":
            torch.cuda.synchronize()
        dt = time.time() - t0
        emit(accel, {"event": "step", "step": step + 1, "loss": loss.item(), "learning_rate": sched.get_last_lr()[0],
                     "grad_norm": float(grad_norm), "tokens_per_s": tokens * world / dt, **metrics})
    if accel:
        accel.wait_for_everyone()
        model = accel.unwrap_model(model)
    if rank == 0:
        if peft_used:
            model = model.merge_and_unload()
        model.save_pretrained(a.out, safe_serialization=True)
        tok.save_pretrained(a.out)
    emit(accel, {"event": "done", "out": a.out, "steps": a.steps})


if __name__ == "__main__":
    main()
