export type DpoLossType = "sigmoid" | "ipo" | "hinge";
export const DPO_LOSS_TYPES: readonly DpoLossType[] = ["sigmoid", "ipo", "hinge"];

export interface DpoLossOptions {
  beta: number;
  loss: DpoLossType;
  /** Weight of an SFT (NLL) term on the chosen completion, per token (TRL's rpo_alpha); 0 = off. */
  sftWeight?: number;
}

/** Sequence log-probabilities of one pair, summed over completion tokens. */
export interface PairLogps {
  policyChosen: number;
  policyRejected: number;
  refChosen: number;
  refRejected: number;
  /** Completion tokens of the chosen side (normalises the SFT term). */
  chosenTokens: number;
}

/** The metrics TRL logs for DPO, under TRL's names. */
export interface DpoMetrics {
  loss: number;
  "rewards/chosen": number;
  "rewards/rejected": number;
  "rewards/accuracies": number;
  "rewards/margins": number;
  "logps/chosen": number;
  "logps/rejected": number;
}

export interface DpoLossResult {
  metrics: DpoMetrics;
  /** ∂loss/∂policyChosen and ∂loss/∂policyRejected per pair (the loss is the mean over pairs). */
  dChosen: Float64Array;
  dRejected: Float64Array;
}

/** log σ(z) without overflow: min(z, 0) − log1p(exp(−|z|)). */
export const logSigmoid = (z: number): number => Math.min(z, 0) - Math.log1p(Math.exp(-Math.abs(z)));
const sigmoid = (z: number): number => Math.exp(logSigmoid(z));

/**
 * DPO and its variants on summed log-probs, h = (πc − rc) − (πr − rr):
 * sigmoid −log σ(βh); ipo (h − 1/(2β))²; hinge max(0, 1 − βh); plus sftWeight · (−πc / chosenTokens).
 */
export function dpoLoss(pairs: readonly PairLogps[], o: DpoLossOptions): DpoLossResult {
  const n = pairs.length;
  const dChosen = new Float64Array(n);
  const dRejected = new Float64Array(n);
  const m = { loss: 0, rc: 0, rr: 0, acc: 0, lc: 0, lr: 0 };
  const alpha = o.sftWeight ?? 0;
  pairs.forEach((p, i) => {
    const chosenReward = p.policyChosen - p.refChosen;
    const rejectedReward = p.policyRejected - p.refRejected;
    const h = chosenReward - rejectedReward;
    const z = o.beta * h;
    let loss: number;
    let dh: number;
    if (o.loss === "sigmoid") {
      loss = -logSigmoid(z);
      dh = -o.beta * sigmoid(-z);
    } else if (o.loss === "ipo") {
      const gap = h - 1 / (2 * o.beta);
      loss = gap * gap;
      dh = 2 * gap;
    } else {
      loss = Math.max(0, 1 - z);
      dh = z < 1 ? -o.beta : 0;
    }
    const tokens = Math.max(1, p.chosenTokens);
    loss += (alpha * -p.policyChosen) / tokens;
    dChosen[i] = (dh - alpha / tokens) / n;
    dRejected[i] = -dh / n;
    m.loss += loss;
    m.rc += o.beta * chosenReward;
    m.rr += o.beta * rejectedReward;
    m.acc += chosenReward > rejectedReward ? 1 : 0;
    m.lc += p.policyChosen;
    m.lr += p.policyRejected;
  });
  const mean = (x: number) => (n === 0 ? 0 : x / n);
  return {
    dChosen,
    dRejected,
    metrics: {
      loss: mean(m.loss),
      "rewards/chosen": mean(m.rc),
      "rewards/rejected": mean(m.rr),
      "rewards/accuracies": mean(m.acc),
      "rewards/margins": mean(m.rc - m.rr),
      "logps/chosen": mean(m.lc),
      "logps/rejected": mean(m.lr),
    },
  };
}
