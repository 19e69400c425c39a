import { describe, expect, it } from "vitest";
import { createRng } from "../../core/index.js";
import { type Batch, createGradients, createLlama } from "../../engine/model/index.js";
import { type DpoLossOptions, dpoLoss } from "../dpo/dpo-loss.js";
import { dpoGradients } from "./dpo-gradients.js";
import { scoreBatch } from "./sequence-logps.js";

const config = {
  vocabSize: 40,
  dModel: 16,
  nLayers: 1,
  nHeads: 2,
  nKvHeads: 2,
  ffnDim: 32,
  contextLength: 8,
  ropeTheta: 10000,
  normEps: 1e-5,
  tiedEmbeddings: false,
};

describe("dpoGradients through the engine", () => {
  it.each<DpoLossOptions>([
    { beta: 0.5, loss: "sigmoid" },
    { beta: 0.5, loss: "ipo", sftWeight: 0.3 },
  ])("matches central finite differences of the DPO loss ($loss)", (o) => {
    const model = createLlama(config, 3, 0.3);
    const rng = createRng(5);
    const B = 4;
    const T = 6;
    const batch: Batch = {
      B,
      T,
      tokens: Int32Array.from({ length: B * T }, () => rng.int(40)),
      targets: Int32Array.from({ length: B * T }, () => rng.int(40)),
      weights: Float32Array.from({ length: B * T }, (_, i) => (i % T >= 2 ? 1 : 0)),
    };
    const refs = { refChosen: [-15, -14], refRejected: [-13, -16], chosenTokens: [4, 4] };
    const lossOf = (): number => {
      const lp = scoreBatch(model, batch);
      const pairs = [0, 1].map((i) => ({
        policyChosen: lp[i] as number,
        policyRejected: lp[2 + i] as number,
        refChosen: refs.refChosen[i] as number,
        refRejected: refs.refRejected[i] as number,
        chosenTokens: 4,
      }));
      return dpoLoss(pairs, o).metrics.loss;
    };
    const grads = createGradients(model);
    dpoGradients(model, grads, batch, refs, o);
    // The parameters with the largest gradients, where float32 differences are most reliable.
    const top = [...grads.flat.keys()]
      .sort((a, b) => Math.abs(grads.flat[b]!) - Math.abs(grads.flat[a]!))
      .slice(0, 8);
    const eps = 1e-2;
    for (const i of top) {
      const keep = model.flat[i]!;
      model.flat[i] = keep + eps;
      const up = lossOf();
      model.flat[i] = keep - eps;
      const down = lossOf();
      model.flat[i] = keep;
      const numeric = (up - down) / (2 * eps);
      expect(Math.abs(numeric - grads.flat[i]!)).toBeLessThan(0.05 * Math.abs(grads.flat[i]!) + 1e-4);
    }
  });
});
