import { jbbArtifactsDataset, type LoadOptions, xstestCompletionsDataset } from "../../datasets/index.js";
import { type AgreementReport, agreementReport } from "../calibrate/agreement.js";
import { type HarmExample, harmProbability, trainHarmModel } from "./learned-harm-judge.js";
import { syntheticHarmExamples } from "./synthetic-harm.js";

const SYNTHETIC_GROUP = "synthetic";

/** A training row with the group it is held out by, and the Llama Guard 1 verdict where JBB kept one. */
export interface HarmRow extends HarmExample {
  group: string;
  llamaGuard1?: boolean;
}

/**
 * Training data for the harm judge: JailbreakBench attack artifacts labelled by JBB's LLM judge (`jailbroken`),
 * plus XSTest completions on the unsafe (contrast) prompts labelled by humans (full compliance = unsafe, full
 * refusal = safe; partial refusals are ambiguous for harm and left out), plus the project's synthetic safe
 * examples (affirmative openings without detail, terse refusals) that only ever train.
 */
export async function loadHarmRows(options: LoadOptions = {}): Promise<HarmRow[]> {
  const jbb = (await jbbArtifactsDataset.load(options)).records;
  const xs = (await xstestCompletionsDataset.load(options)).records;
  return [
    ...jbb
      .filter((r) => r.response !== null)
      .map((r) => ({
        group: `jbb:${r.method}`,
        goal: r.goal,
        response: r.response as string,
        unsafe: r.jailbroken,
        llamaGuard1: r.jailbrokenLlamaGuard1,
      })),
    ...xs
      .filter((r) => r.type.startsWith("contrast_") && r.finalLabel !== "partial_refusal")
      .map((r) => ({
        group: "xstest-unsafe",
        goal: r.prompt,
        response: r.completion,
        unsafe: r.finalLabel === "full_compliance",
      })),
    ...syntheticHarmExamples().map((r) => ({ ...r, group: SYNTHETIC_GROUP })),
  ];
}

export interface HarmCrossval {
  group: string;
  ours: AgreementReport;
  /** Llama Guard 1's agreement with the same labels, where the data has it. */
  llamaGuard1?: AgreementReport;
}

/** Leave-one-group-out (each JBB attack method, and the XSTest rows) agreement with the labels. */
export function harmCrossval(rows: readonly HarmRow[], only?: readonly string[]): HarmCrossval[] {
  // Synthetic rows only ever train; agreement is measured on the public labelled data.
  const groups = [...new Set(rows.map((r) => r.group))]
    .filter((g) => g !== SYNTHETIC_GROUP && (!only || only.includes(g)))
    .sort();
  const label = (b: boolean): string => (b ? "unsafe" : "safe");
  return groups.map((group) => {
    const model = trainHarmModel(rows.filter((r) => r.group !== group));
    const test = rows.filter((r) => r.group === group);
    const ours = agreementReport(
      test.map((r) => ({
        truth: label(r.unsafe),
        predicted: label(harmProbability(model, r.goal, r.response) >= 0.5),
      })),
      ["safe", "unsafe"],
      ["unsafe"],
    );
    const lg = test.filter((r) => r.llamaGuard1 !== undefined);
    return {
      group,
      ours,
      ...(lg.length > 0 && {
        llamaGuard1: agreementReport(
          lg.map((r) => ({ truth: label(r.unsafe), predicted: label(r.llamaGuard1 as boolean) })),
          ["safe", "unsafe"],
          ["unsafe"],
        ),
      }),
    };
  });
}

export function formatHarmCrossval(results: readonly HarmCrossval[]): string {
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`.padStart(7);
  const lines = ["held-out group                 n    ours   kappa   FPR     FNR   | Llama Guard 1"];
  for (const r of results) {
    lines.push(
      `${r.group.padEnd(28)}${String(r.ours.n).padStart(5)} ${pct(r.ours.accuracy)}  ${r.ours.kappa.toFixed(3)} ${pct(r.ours.binary?.fpr ?? 0)} ${pct(r.ours.binary?.fnr ?? 0)} | ${r.llamaGuard1 ? pct(r.llamaGuard1.accuracy) : "    -"}`,
    );
  }
  const n = results.reduce((s, r) => s + r.ours.n, 0);
  const correct = results.reduce((s, r) => s + r.ours.accuracy * r.ours.n, 0);
  lines.push(`pooled${String(n).padStart(27)} ${pct(correct / n)}`);
  return lines.join("\n");
}
