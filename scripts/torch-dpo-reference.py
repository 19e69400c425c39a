#!/usr/bin/env python3
"""Writes test/fixtures/train/dpo-reference.json: DPO losses and their gradients computed by PyTorch
autograd, for the TypeScript dpoLoss() test (CI has no Python). Run with Debian's python3-torch:
/usr/bin/python3 scripts/torch-dpo-reference.py"""
import json
import pathlib

import torch
import torch.nn.functional as F

torch.manual_seed(0)
N = 6
# Summed sequence log-probs of plausible size, including pairs where the policy prefers the rejected side
# and one with a large margin (where a naive log(sigmoid) would lose precision).
policy_chosen = (-torch.rand(N, dtype=torch.float64) * 40).tolist()
policy_rejected = (-torch.rand(N, dtype=torch.float64) * 40).tolist()
ref_chosen = [x + float(d) for x, d in zip(policy_chosen, torch.randn(N, dtype=torch.float64) * 3)]
ref_rejected = [x + float(d) for x, d in zip(policy_rejected, torch.randn(N, dtype=torch.float64) * 3)]
policy_chosen[5], ref_chosen[5], policy_rejected[5], ref_rejected[5] = -5.0, -60.0, -90.0, -10.0
chosen_tokens = [int(t) for t in torch.randint(3, 30, (N,))]


def case(loss_type, beta, sft_weight):
    pc = torch.tensor(policy_chosen, dtype=torch.float64, requires_grad=True)
    pr = torch.tensor(policy_rejected, dtype=torch.float64, requires_grad=True)
    rc = torch.tensor(ref_chosen, dtype=torch.float64)
    rr = torch.tensor(ref_rejected, dtype=torch.float64)
    h = (pc - rc) - (pr - rr)
    if loss_type == "sigmoid":
        losses = -F.logsigmoid(beta * h)
    elif loss_type == "ipo":
        losses = (h - 1 / (2 * beta)) ** 2
    else:
        losses = torch.relu(1 - beta * h)
    losses = losses + sft_weight * (-pc / torch.tensor(chosen_tokens, dtype=torch.float64))
    loss = losses.mean()
    loss.backward()
    return {
        "loss": loss_type,
        "beta": beta,
        "sftWeight": sft_weight,
        "expected": {"loss": loss.item(), "dChosen": pc.grad.tolist(), "dRejected": pr.grad.tolist()},
    }


cases = [case(t, b, 0.0) for t in ("sigmoid", "ipo", "hinge") for b in (0.1, 0.5)]
cases.append(case("sigmoid", 0.1, 0.5))
out = {
    "generator": "scripts/torch-dpo-reference.py",
    "torch": torch.__version__,
    "pairs": [
        {"policyChosen": a, "policyRejected": b, "refChosen": c, "refRejected": d, "chosenTokens": t}
        for a, b, c, d, t in zip(policy_chosen, policy_rejected, ref_chosen, ref_rejected, chosen_tokens)
    ],
    "cases": cases,
}
path = pathlib.Path(__file__).resolve().parent.parent / "test" / "fixtures" / "train" / "dpo-reference.json"
path.write_text(json.dumps(out, indent=1) + "\n")
print(f"wrote {path}")
