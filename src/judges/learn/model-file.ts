import type { LogisticModel } from "./sparse-logistic.js";

/** Serialises a model one feature per line, sorted, so retraining shows up as a readable diff. */
export function serializeLogisticModel(model: LogisticModel): string {
  const names = Object.keys(model.weights).sort();
  const weights = names.map((n) => `${JSON.stringify(n)}: ${JSON.stringify(model.weights[n])}`).join(",\n");
  return `{\n"classes": ${JSON.stringify(model.classes)},\n"bias": ${JSON.stringify(model.bias)},\n"weights": {\n${weights}\n}\n}\n`;
}
