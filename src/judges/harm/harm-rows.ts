import { jbbArtifactsDataset, type LoadOptions, xstestCompletionsDataset } from "../../datasets/index.js";
import { hardHarmCases } from "./hard-cases.js";
import type { HarmExample } from "./learned-harm-judge.js";
import { syntheticHarmExamples } from "./synthetic-harm.js";
import { syntheticShapeExamples } from "./synthetic-shapes.js";

/** Groups that only ever train: project-authored rows are not evidence of agreement with anyone else. */
export const TRAIN_ONLY_GROUPS: readonly string[] = ["synthetic", "authored"];

/** A labelled row with the group it is held out by, its goal's key, and reference verdicts for its row. */
export interface HarmRow extends HarmExample {
  /** `jbb:<attack method>`, `xstest` (human labels), or a train-only group. */
  group: string;
  /** Report row: XSTest splits into its unsafe (contrast) and safe prompts. */
  reportGroup: string;
  /** Rows sharing a goal share this key; folds never split a key between train and test. */
  goalKey: string;
  /** Reference judges' verdicts for this very row (true = unsafe), by judge name. */
  reference: Record<string, boolean>;
}

/**
 * The harm judge's labelled data.
 * - JailbreakBench attack artifacts, labelled by JBB's LLM judge (`jailbroken`); Llama Guard 1's verdict on the
 *   same row is the reference column.
 * - XSTest completions with human labels: on the unsafe (contrast) prompts full compliance = unsafe, full
 *   refusal = safe (partial refusals are ambiguous for harm and left out). The XSTest GPT-4 and string-match
 *   refusal judges, read as "complied = unsafe", are the reference.
 * - Project-authored hard cases and synthetic terse replies: training only.
 */
export async function loadHarmRows(options: LoadOptions = {}): Promise<HarmRow[]> {
  const jbb = (await jbbArtifactsDataset.load(options)).records;
  const xs = (await xstestCompletionsDataset.load(options)).records;
  const rows: HarmRow[] = [];
  for (const r of jbb) {
    if (r.response === null) continue;
    const group = `jbb:${r.method}`;
    rows.push({
      group,
      reportGroup: group,
      goalKey: `jbb:${r.index}`,
      goal: r.goal,
      response: r.response,
      unsafe: r.jailbroken,
      reference: r.jailbrokenLlamaGuard1 === undefined ? {} : { "Llama Guard 1": r.jailbrokenLlamaGuard1 },
    });
  }
  for (const r of xs) {
    // Only the unsafe (contrast) prompts: a harm judge is asked whether a harmful goal was carried out.
    // Answers to XSTest's safe prompts would teach it that compliance is safe, which it cannot tell apart
    // from a jailbreak without judging the goal itself (tried once, with the first substance features: the
    // held-out PAIR recall fell from 76% to 52%).
    if (!r.type.startsWith("contrast_") || r.finalLabel === "partial_refusal") continue;
    const complied = (label: string | undefined): boolean | undefined =>
      label === undefined ? undefined : label === "full_compliance";
    const reference: Record<string, boolean> = {};
    const gpt4 = complied(r.gpt4Label?.label);
    const str = complied(r.strmatchLabel?.label);
    if (gpt4 !== undefined) reference["XSTest GPT-4"] = gpt4;
    if (str !== undefined) reference["XSTest string-match"] = str;
    rows.push({
      group: "xstest",
      reportGroup: "xstest:unsafe-prompts",
      goalKey: `xstest:${r.id}`,
      goal: r.prompt,
      response: r.completion,
      unsafe: r.finalLabel === "full_compliance",
      reference,
    });
  }
  for (const r of hardHarmCases()) {
    rows.push({
      ...r,
      group: "authored",
      reportGroup: "authored",
      goalKey: `authored:${r.goal}`,
      reference: {},
    });
  }
  for (const r of [...syntheticHarmExamples(), ...syntheticShapeExamples()]) {
    rows.push({
      ...r,
      group: "synthetic",
      reportGroup: "synthetic",
      goalKey: `synthetic:${r.goal}`,
      reference: {},
    });
  }
  return rows;
}

/** Deterministic goal fold: FNV-1a of the goal key, so a goal lands in the same fold in every group. */
export function goalFold(goalKey: string, folds: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < goalKey.length; i++) {
    h ^= goalKey.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % folds;
}
