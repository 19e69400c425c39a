// The harm judge trained with and without the training half of the project's hard cases: agreement on the
// held-out half per kind of case, and (with --crossval) the public data's per-group table, shipped settings.
// Usage: npx tsx scripts/exp/harm-hard-cases.ts [--crossval]
import path from "node:path";
import { formatHardCaseReports, hardCaseReports, loadHardCases } from "../../src/judges/harm/hard-cases.js";
import {
  formatHarmCrossval,
  harmCrossval,
  loadHarmRows,
  trainSelectedHarmModel,
} from "../../src/judges/harm/harm-crossval.js";

const root = process.env.BREAKFIX_DATASETS ?? path.resolve(import.meta.dirname, "../../../shared/datasets");
const test = await loadHardCases("test", { root });
for (const withHardCases of [false, true]) {
  const rows = await loadHarmRows({ root }, withHardCases);
  const { model } = trainSelectedHarmModel(rows);
  const name = withHardCases ? "with the hard cases' training half" : "without (as shipped)";
  console.log(formatHardCaseReports(hardCaseReports(model, test), name));
  if (process.argv.includes("--crossval")) console.log(formatHarmCrossval(harmCrossval(rows), false));
  console.log();
}
