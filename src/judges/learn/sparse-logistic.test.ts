import { describe, expect, it } from "vitest";
import { createRng } from "../../core/index.js";
import { type FeatureVector, predictProba, softmax, trainLogistic } from "./sparse-logistic.js";

describe("sparse logistic regression", () => {
  it("softmax is stable for large logits", () => {
    const p = softmax([1000, 1000, 0]);
    expect(p[0]).toBeCloseTo(0.5);
    expect(p[2]).toBeCloseTo(0);
  });

  it("learns a separable 3-class problem and generalises to unseen rows", () => {
    const rng = createRng(5);
    const make = (y: number): FeatureVector => {
      const x: FeatureVector = new Map([[`signal:${y}`, 1]]);
      for (let i = 0; i < 5; i++) x.set(`noise:${rng.int(40)}`, 1);
      return x;
    };
    const rows = Array.from({ length: 300 }, (_, i) => ({ x: make(i % 3), y: i % 3 }));
    const model = trainLogistic(rows, ["a", "b", "c"], { epochs: 150 });
    let correct = 0;
    for (let i = 0; i < 90; i++) {
      const p = predictProba(model, make(i % 3));
      if (p.indexOf(Math.max(...p)) === i % 3) correct++;
    }
    expect(correct).toBe(90);
    // Rare features are dropped by minCount.
    expect(model.weights["never"]).toBeUndefined();
  });

  it("is deterministic", () => {
    const rows = [
      { x: new Map([["a", 1]]), y: 0 },
      { x: new Map([["a", 1]]), y: 0 },
      { x: new Map([["b", 1]]), y: 1 },
      { x: new Map([["b", 1]]), y: 1 },
    ];
    expect(trainLogistic(rows, ["x", "y"], { epochs: 20 })).toEqual(
      trainLogistic(rows, ["x", "y"], { epochs: 20 }),
    );
  });
});
