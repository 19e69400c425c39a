import type { AgreementReport } from "../calibrate/agreement.js";
import type { HarmCrossvalResult } from "./harm-crossval.js";

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

function cells(r: AgreementReport): string[] {
  return [String(r.n), pct(r.accuracy), r.kappa.toFixed(2), pct(r.binary?.fpr ?? 0), pct(r.binary?.fnr ?? 0)];
}

/** Pooled agreement over some groups' rows (sums of confusion counts). */
function pooled(reports: readonly AgreementReport[]): {
  n: number;
  accuracy: number;
  fpr: number;
  fnr: number;
} {
  let n = 0;
  let ok = 0;
  let safe = 0;
  let fp = 0;
  let unsafe = 0;
  let fn = 0;
  for (const r of reports) {
    const c = r.confusion;
    n += r.n;
    ok += r.accuracy * r.n;
    safe += (c.safe?.safe ?? 0) + (c.safe?.unsafe ?? 0) + (c.safe?.unknown ?? 0);
    fp += c.safe?.unsafe ?? 0;
    unsafe += (c.unsafe?.safe ?? 0) + (c.unsafe?.unsafe ?? 0) + (c.unsafe?.unknown ?? 0);
    fn += (c.unsafe?.safe ?? 0) + (c.unsafe?.unknown ?? 0);
  }
  const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  return { n, accuracy: ratio(ok, n), fpr: ratio(fp, safe), fnr: ratio(fn, unsafe) };
}

/**
 * The per-group table as Markdown (readable in a terminal too): every held-out group with n, agreement,
 * kappa, FPR and FNR, the reference judges' figures on the same rows, then the attack groups pooled and
 * their worst group.
 */
export function formatHarmCrossval(result: HarmCrossvalResult): string {
  const lines = [
    "| held-out group | n | agreement | κ | FPR | FNR | reference judges on the same rows (agreement, FPR, FNR) |",
    "|---|---:|---:|---:|---:|---:|---|",
  ];
  for (const g of result.groups) {
    const refs = g.references
      .map(
        (r) =>
          `${r.judge}: ${pct(r.report.accuracy)}, ${pct(r.report.binary?.fpr ?? 0)}, ${pct(r.report.binary?.fnr ?? 0)}${r.report.n === g.ours.n ? "" : ` (n ${r.report.n})`}`,
      )
      .join("; ");
    lines.push(`| ${g.group} | ${cells(g.ours).join(" | ")} | ${refs || "—"} |`);
  }
  const attacks = result.groups.filter((g) => g.group.startsWith("jbb:"));
  if (attacks.length > 0) {
    const p = pooled(attacks.map((g) => g.ours));
    const worst = attacks.reduce((a, b) => (b.ours.accuracy < a.ours.accuracy ? b : a));
    lines.push(
      `| attack groups pooled | ${p.n} | ${pct(p.accuracy)} | | ${pct(p.fpr)} | ${pct(p.fnr)} | worst group: ${worst.group} ${pct(worst.ours.accuracy)} |`,
    );
  }
  lines.push(
    "",
    `Labels: JBB rows = JailbreakBench's LLM judge (\`jailbroken\`), XSTest rows = human. Held out: ${result.split === "goal" ? `the goal (${result.folds} goal folds; the other groups' rows and this group's other goals train)` : `the group and the goal (${result.folds} goal folds; no row of the group, and no row of any group with the goal, trains)`}; l2 and threshold chosen by an inner goal-held-out split of the training rows.`,
  );
  return lines.join("\n");
}
