#!/usr/bin/env python3
"""SFT or DPO of a causal LM with PyTorch: breakfix's exported engine model or any Hugging Face path.

Reads the JSONL that `breakfix train --backend torch` writes: pre-tokenised rows ({ids, mask}, or
{chosen: {ids, mask}, rejected: {ids, mask}} for DPO) for engine models, so both backends train on the same
tokens; OpenAI chat rows (SFT) or TRL conversational rows {prompt, chosen, rejected} (DPO) for Hugging Face
models, rendered with the model's chat template. Two implementations: `transformers` (any HF model, PEFT
LoRA when installed) and `plain` (plain_llama.py: Llama folders, no transformers needed). The recipe is the
engine's: AdamW (0.9, 0.95, eps 1e-8, weight decay 0.1 except norms), linear warmup then cosine to a tenth
of the peak, gradient clip 1, loss the mean over trained tokens. One JSON object per line on stdout:
{"event": "start"|"step"|"eval"|"done", ...}; everything else goes to stderr. Launch with `python`,
`accelerate launch` or `torchrun` (several processes only through accelerate); only the main process prints
metrics and saves.
"""
import argparse
import json
import math
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plain_llama import load_plain  # noqa: E402

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
    mask, prev = [], []
    for i, m in enumerate(messages):
        cur = render(tok, messages[: i + 1])
        train = m["role"] == "assistant" and m.get("weight", 1) != 0
        mask += [1 if train else 0] * (len(cur) - len(prev))
        prev = cur
    return prev[:max_len], mask[:max_len]


def tokenised(side, max_len):
    return side["ids"][:max_len], side["mask"][:max_len]


def load_rows(path, method, tok, max_len):
    rows = [json.loads(line) for line in open(path, encoding="utf8") if line.strip()]
    pre = bool(rows) and ("ids" in rows[0] or isinstance(rows[0].get("chosen"), dict))
    if not pre and tok is None:
        raise SystemExit(f"{path}: text rows need transformers' tokenizer; the plain implementation takes the "
                         "pre-tokenised rows breakfix writes for engine: models")
    if method == "sft":
        return [tokenised(r, max_len) if pre else encode_sft(tok, r["messages"], max_len) for r in rows]
    if pre:
        return [(tokenised(r["chosen"], max_len), tokenised(r["rejected"], max_len)) for r in rows]
    return [(encode(tok, r["prompt"], r["chosen"], max_len), encode(tok, r["prompt"], r["rejected"], max_len))
            for r in rows]


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
    """Σ weight · log p over next-token targets per row, and the count of trained tokens."""
    out = model(input_ids=ids, attention_mask=attn)
    logits = (out if torch.is_tensor(out) else out.logits)[:, :-1].float()
    targets, m = ids[:, 1:], mask[:, 1:]
    lp = torch.gather(F.log_softmax(logits, -1), 2, targets.unsqueeze(-1)).squeeze(-1)
    return (lp * m).sum(-1), (m > 0).float().sum(-1), m.sum(-1)


def dpo_losses(pc, pr, rc, rr, beta, loss_type):
    h = (pc - rc) - (pr - rr)
    if loss_type == "sigmoid":
        return -F.logsigmoid(beta * h)
    if loss_type == "ipo":
        return (h - 1 / (2 * beta)) ** 2
    return torch.relu(1 - beta * h)


def warmup_cosine(step, total, warmup, peak, floor):
    """The engine's schedule (src/engine/training-loop/schedule.ts), as a learning rate at 0-based `step`."""
    if step < warmup:
        return peak * (step + 1) / warmup
    if step >= total:
        return floor
    progress = (step - warmup) / max(1, total - warmup)
    return floor + 0.5 * (peak - floor) * (1 + math.cos(math.pi * progress))


class Objective:
    """The loss of a batch of examples (SFT) or pairs (DPO), and its metrics."""

    def __init__(self, a, model, data, pad_id, device):
        self.a, self.model, self.pad_id, self.device = a, model, pad_id, device
        self.refs = self.reference(data) if a.method == "dpo" else None

    def reference(self, data):
        # Reference log-probs once, from the starting weights (LoRA: the same weights, adapters untouched yet).
        self.model.eval()
        refs = []
        with torch.no_grad():
            for i in range(0, len(data), self.a.batch_size):
                chunk = data[i : i + self.a.batch_size]
                ids, mask, attn = pad_batch([c for c, _ in chunk] + [r for _, r in chunk], self.pad_id, self.device)
                lp, _, _ = seq_logps(self.model, ids, mask, attn)
                n = len(chunk)
                refs += list(zip(lp[:n].tolist(), lp[n:].tolist()))
        self.model.train()
        return refs

    def loss(self, rows, refs=None):
        a = self.a
        if a.method == "sft":
            ids, mask, attn = pad_batch(rows, self.pad_id, self.device)
            lp, _, weight = seq_logps(self.model, ids, mask, attn)
            return -lp.sum() / weight.sum().clamp(min=1e-9), int(attn.sum()), {}
        ids, mask, attn = pad_batch([c for c, _ in rows] + [r for _, r in rows], self.pad_id, self.device)
        lp, count, _ = seq_logps(self.model, ids, mask, attn)
        n = len(rows)
        pc, pr = lp[:n], lp[n:]
        rc = torch.tensor([r[0] for r in refs], device=self.device)
        rr = torch.tensor([r[1] for r in refs], device=self.device)
        losses = dpo_losses(pc, pr, rc, rr, a.beta, a.loss) + a.sft_weight * (-pc / count[:n].clamp(min=1))
        with torch.no_grad():
            cr, rj = a.beta * (pc - rc), a.beta * (pr - rr)
            metrics = {
                "rewards/chosen": cr.mean().item(), "rewards/rejected": rj.mean().item(),
                "rewards/accuracies": (cr > rj).float().mean().item(), "rewards/margins": (cr - rj).mean().item(),
                "logps/chosen": pc.mean().item(), "logps/rejected": pr.mean().item(),
            }
        return losses.mean(), int(attn.sum()), metrics


def load_model(a, device):
    impl = a.impl
    if impl in ("auto", "transformers"):
        try:
            from transformers import AutoModelForCausalLM, AutoTokenizer
        except ImportError:
            if impl == "transformers":
                raise SystemExit("--impl transformers: the transformers package is not installed")
            impl = "plain"
    if impl == "plain":
        return load_plain(a.model), None, "plain"
    tok = AutoTokenizer.from_pretrained(a.model)
    return AutoModelForCausalLM.from_pretrained(a.model, torch_dtype=torch.float32), tok, "transformers"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--method", choices=["sft", "dpo"], required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--val-data", help="held-out rows: an eval event every --eval-every steps and at the end")
    p.add_argument("--eval-every", type=int, default=10)
    p.add_argument("--out", required=True)
    p.add_argument("--impl", choices=["auto", "transformers", "plain"], default="auto")
    p.add_argument("--steps", type=int, default=100)
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--lr", type=float, default=1e-5)
    p.add_argument("--min-lr", type=float, help="floor of the cosine decay (default lr / 10)")
    p.add_argument("--warmup-steps", type=int, help="default min(10, steps // 10), as the engine")
    p.add_argument("--weight-decay", type=float, default=0.1)
    p.add_argument("--beta", type=float, default=0.1)
    p.add_argument("--loss", choices=["sigmoid", "ipo", "hinge"], default="sigmoid")
    p.add_argument("--sft-weight", type=float, default=0.0)
    p.add_argument("--max-length", type=int, default=1024)
    p.add_argument("--lora-rank", type=int, default=0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--bf16", action="store_true")
    a = p.parse_args()

    if Accelerator is None and int(os.environ.get("WORLD_SIZE", "1")) > 1:
        raise SystemExit("several processes without accelerate would each train their own copy and save to one "
                         "folder: install accelerate (pip install accelerate) or launch one process")
    torch.manual_seed(a.seed)
    accel = Accelerator(mixed_precision="bf16" if a.bf16 else "no") if Accelerator else None
    device = accel.device if accel else torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model, tok, impl = load_model(a, device)
    config = getattr(model, "c", None) or model.config.to_dict()
    pad_id = config.get("pad_token_id")
    if pad_id is None:
        pad_id = config.get("eos_token_id") or 0
    peft_used = False
    if a.lora_rank > 0 and impl == "transformers":
        try:
            from peft import LoraConfig, get_peft_model

            model = get_peft_model(model, LoraConfig(r=a.lora_rank, lora_alpha=2 * a.lora_rank, target_modules="all-linear"))
            peft_used = True
        except ImportError:
            print("peft not installed: full fine-tuning", file=sys.stderr)
    elif a.lora_rank > 0:
        print("LoRA needs transformers and peft: full fine-tuning", file=sys.stderr)
    model.to(device)

    data = load_rows(a.data, a.method, tok, a.max_length)
    val = load_rows(a.val_data, a.method, tok, a.max_length) if a.val_data else []
    objective = Objective(a, model, data, pad_id, device)
    val_refs = Objective(a, model, val, pad_id, device).refs if val and a.method == "dpo" else None

    named = [(n, q) for n, q in model.named_parameters() if q.requires_grad]
    groups = [
        {"params": [q for n, q in named if "norm" not in n], "weight_decay": a.weight_decay},
        {"params": [q for n, q in named if "norm" in n], "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(groups, lr=a.lr, betas=(0.9, 0.95), eps=1e-8)
    warmup = a.warmup_steps if a.warmup_steps is not None else min(10, a.steps // 10)
    floor = a.min_lr if a.min_lr is not None else a.lr / 10
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: warmup_cosine(s, a.steps, warmup, a.lr, floor) / a.lr)
    if accel:
        # The scheduler stays outside prepare(): accelerate would step it once per process per step.
        model, opt = accel.prepare(model, opt)
    world = accel.num_processes if accel else 1
    rank = accel.process_index if accel else 0
    emit(accel, {"event": "start", "method": a.method, "rows": len(data), "steps": a.steps, "world_size": world,
                 "device": str(device), "impl": impl, "peft": peft_used, "torch": torch.__version__})

    def evaluate(step):
        model.eval()
        total, n = 0.0, 0
        with torch.no_grad():
            for i in range(0, len(val), a.batch_size):
                chunk = val[i : i + a.batch_size]
                loss, _, _ = objective.loss(chunk, val_refs[i : i + a.batch_size] if val_refs else None)
                total, n = total + loss.item() * len(chunk), n + len(chunk)
        model.train()
        emit(accel, {"event": "eval", "step": step, "loss": total / max(1, n)})

    g = torch.Generator().manual_seed(a.seed)
    order = torch.randperm(len(data), generator=g).tolist()
    pos = rank * a.batch_size
    for step in range(a.steps):
        t0 = time.time()
        idx = [order[(pos + i) % len(order)] for i in range(a.batch_size)]
        pos += a.batch_size * world
        refs = [objective.refs[i] for i in idx] if objective.refs else None
        loss, tokens, metrics = objective.loss([data[i] for i in idx], refs)
        lr = sched.get_last_lr()[0]
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
        emit(accel, {"event": "step", "step": step + 1, "loss": loss.item(), "learning_rate": lr,
                     "grad_norm": float(grad_norm), "tokens_per_s": tokens * world / dt, **metrics})
        if val and ((step + 1) % a.eval_every == 0 or step + 1 == a.steps):
            evaluate(step + 1)
    if accel:
        accel.wait_for_everyone()
        model = accel.unwrap_model(model)
    if rank == 0:
        if impl == "plain":
            model.save_folder(a.model, a.out)
        else:
            if peft_used:
                model = model.merge_and_unload()
            model.save_pretrained(a.out, safe_serialization=True)
            tok.save_pretrained(a.out)
    emit(accel, {"event": "done", "out": a.out, "steps": a.steps})


if __name__ == "__main__":
    main()
