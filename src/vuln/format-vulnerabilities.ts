import { escapeText, type Finding, type Message, type Vulnerability } from "../core/index.js";
import { formatTranscript as formatCampaignTranscript } from "../redteam/index.js";

export const FINDINGS_WARNING =
  "CONTENT WARNING: the transcripts below are attacks and model replies that broke the model; they may contain harmful text. Control characters are shown escaped.";

const one = (text: string): string => escapeText(text, { oneLine: true });

/** `violence / template:pyrit / en / 2-3 turns`, escaped (the key's parts come from stored data). */
export function formatKey(v: Pick<Vulnerability, "key">): string {
  const k = v.key;
  return one(
    `${k.harmArea} / ${k.technique} / ${k.language} / ${k.turnDepth} turn${k.turnDepth === "1" ? "" : "s"}`,
  );
}

const pct = (x: number): string => `${(x * 100).toFixed(x === 0 || x === 1 ? 0 : 1)}%`;

function measures(v: Vulnerability): string {
  if (v.attempts === 0) return `not attacked this round${v.errors ? ` (${v.errors} undecided)` : ""}`;
  const k = v.successes ?? Math.round(v.asr * v.attempts);
  return `severity ${v.severity}  prevalence ${v.prevalence}  ASR ${pct(v.asr)} (${k}/${v.attempts})  score ${v.score.toFixed(3)}`;
}

/** One line per vulnerability, worst first, under a header per scope and round. */
export function formatVulnerabilityList(vs: readonly Vulnerability[]): string {
  if (vs.length === 0) return "no vulnerabilities recorded (run `breakfix vulns identify` first)";
  const lines: string[] = [];
  let header = "";
  for (const v of vs) {
    const h = `scope ${one(v.scope)}`;
    if (h !== header) {
      header = h;
      lines.push(h);
    }
    lines.push(`  ${v.id}  ${v.status.padEnd(8)} round ${v.round}  ${formatKey(v)}  ${measures(v)}`);
  }
  const counts = new Map<string, number>();
  for (const v of vs) counts.set(v.status, (counts.get(v.status) ?? 0) + 1);
  lines.push(`${vs.length} vulnerabilities: ${[...counts].map(([s, n]) => `${n} ${s}`).join(", ")}`);
  return lines.join("\n");
}

/** The red-team transcript format, indented one level further under the finding's line. */
function formatTranscript(messages: readonly Message[]): string {
  return formatCampaignTranscript(messages).replace(/^/gm, "  ");
}

export function formatFindingBrief(f: Finding): string {
  const t = f.technique;
  const technique = [t.strategy, t.template ?? "", ...t.converters].filter(Boolean).join(" > ");
  return [
    `  ${f.id}  ${f.origin}  severity ${f.severity}  source ${one(f.sourceId)}  technique ${one(technique)}`,
    ...(t.objective ? [`    objective: ${one(t.objective.goal)}`] : []),
    formatTranscript(f.transcript),
  ].join("\n");
}

/** A vulnerability's history, one line per round, then exemplar findings with escaped transcripts. */
export function formatVulnerabilityDetail(
  history: readonly Vulnerability[],
  findings: readonly Finding[],
): string {
  const latest = history.at(-1);
  if (!latest) return "";
  const lines = [
    `${latest.id}  ${formatKey(latest)}  (scope ${one(latest.scope)}, first seen round ${latest.firstSeenRound})`,
    ...history.map((v) => `  round ${v.round}: ${v.status.padEnd(8)} ${measures(v)}`),
  ];
  if (findings.length > 0) {
    const from = latest.findingIds.length > 0 ? latest.round : latest.lastBrokenRound;
    lines.push(`exemplar findings (round ${from}, one per near-duplicate cluster first):`, FINDINGS_WARNING);
    lines.push(...findings.map(formatFindingBrief));
  }
  return lines.join("\n");
}
