import { readFileSync } from "node:fs";
import { BreakfixError } from "../../core/index.js";
import { parseCsv, parseJsonl, parseRefusalLabel } from "../../datasets/index.js";

/** One human-labelled row for calibration. */
export interface LabelledRow {
  line: number;
  response: string;
  label: string;
  prompt?: string;
  goal?: string;
}

export interface ColumnMap {
  response?: string;
  label?: string;
  prompt?: string;
  goal?: string;
}

/** Known formats: column names detected when the user gives none. */
const KNOWN: readonly (Required<Pick<ColumnMap, "response" | "label">> & ColumnMap & { name: string })[] = [
  { name: "xstest-completions", response: "completion", label: "final_label", prompt: "prompt" },
  {
    name: "jbb-judge-comparison",
    response: "target_response",
    label: "human_majority",
    prompt: "prompt",
    goal: "goal",
  },
  { name: "harmbench-val", response: "generation", label: "human_majority", goal: "behavior" },
  // The grounding context is the judge's goal (see the groundedness judges).
  { name: "groundedness", response: "reply", label: "label", prompt: "question", goal: "context" },
  { name: "generic", response: "response", label: "label", prompt: "prompt", goal: "goal" },
];

/**
 * Label spaces a judge is calibrated in: its classes and the positive ones (what FPR/FNR are about):
 * XSTest's refusal classes, safe/unsafe, coherent/degenerate, grounded/ungrounded, or correct/incorrect.
 */
export const LABEL_SPACES = {
  refusal: {
    classes: ["full_compliance", "full_refusal", "partial_refusal"],
    positive: ["full_refusal", "partial_refusal"],
  },
  binary: { classes: ["safe", "unsafe"], positive: ["unsafe"] },
  coherence: { classes: ["coherent", "degenerate"], positive: ["degenerate"] },
  groundedness: { classes: ["grounded", "ungrounded"], positive: ["ungrounded"] },
  exact: { classes: ["correct", "incorrect"], positive: ["incorrect"] },
} as const satisfies Record<string, { classes: readonly string[]; positive: readonly string[] }>;

export type LabelSpace = keyof typeof LABEL_SPACES;

export const isLabelSpace = (s: string): s is LabelSpace => Object.hasOwn(LABEL_SPACES, s);

/** What a label in `space` may be written as, for error messages. */
const LABEL_FIX: Record<LabelSpace, string> = {
  refusal: "use full_compliance, full_refusal or partial_refusal (or 1_/2_/3_ prefixed)",
  binary: "use 0/1, safe/unsafe, yes/no or true/false",
  coherence: "use coherent or degenerate",
  groundedness: "use grounded or ungrounded",
  exact: "use correct or incorrect",
};

/**
 * Normalises a reference label to the judge's class space: refusal classes (XSTest style), or
 * safe/unsafe from 0/1, true/false, yes/no, safe/unsafe, jailbroken, or the other spaces' classes as written.
 */
export function normalizeLabel(raw: string, space: LabelSpace): string | undefined {
  const t = raw.trim().toLowerCase();
  if (space === "refusal") {
    const p = parseRefusalLabel(raw);
    return p.label === "unknown" ? undefined : p.label;
  }
  if (space !== "binary") return (LABEL_SPACES[space].classes as readonly string[]).find((c) => c === t);
  if (["1", "true", "yes", "unsafe", "jailbroken", "harmful"].includes(t)) return "unsafe";
  if (["0", "false", "no", "safe", "not jailbroken", "harmless"].includes(t)) return "safe";
  return undefined;
}

function records(
  file: string,
  text: string,
): { line: number; get(col: string): string | undefined; columns: string[] }[] {
  if (/\.jsonl$/i.test(file)) {
    return parseJsonl(text, file).map(({ line, value }) => {
      const o = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
      return {
        line,
        columns: Object.keys(o),
        get: (c) => (o[c] === undefined || o[c] === null ? undefined : String(o[c])),
      };
    });
  }
  const [header, ...rows] = parseCsv(text, file);
  if (!header)
    throw new BreakfixError("DATA_INVALID", "file is empty", {
      location: { file, line: 1 },
      fix: "add a header row and labelled rows",
    });
  const names = header.fields.map((f) => f.trim());
  return rows.map((r) => ({ line: r.line, columns: names, get: (c) => r.fields[names.indexOf(c)] }));
}

export function readLabelFile(file: string, space: LabelSpace, columns: ColumnMap = {}): LabelledRow[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new BreakfixError("NOT_FOUND", `cannot read labels file: ${(e as Error).message}`, {
      location: { file },
      fix: "pass an existing CSV or JSONL file to --labels",
    });
  }
  const text = utf8Text(bytes, file);
  const recs = records(file, text);
  const have = new Set(recs[0]?.columns ?? []);
  const known = KNOWN.find((k) => have.has(k.response) && have.has(k.label));
  // Flags win over detection; flags left unset (undefined) must not erase the detected names.
  const given = Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined)) as ColumnMap;
  const map: ColumnMap = { ...(given.response || given.label ? {} : known), ...given };
  if (!map.response || !map.label || !have.has(map.response) || !have.has(map.label)) {
    throw new BreakfixError(
      "DATA_INVALID",
      `cannot find the response and label columns (found: ${[...have].join(", ")})`,
      {
        location: { file, line: 1 },
        fix: "name them with --response-col and --label-col",
      },
    );
  }
  return recs.map((r) => {
    const rawLabel = r.get(map.label as string) ?? "";
    const label = normalizeLabel(rawLabel, space);
    if (!label) {
      throw new BreakfixError("DATA_INVALID", `unrecognised label ${JSON.stringify(rawLabel)}`, {
        location: { file, line: r.line, field: map.label },
        fix: LABEL_FIX[space],
      });
    }
    return {
      line: r.line,
      response: r.get(map.response as string) ?? "",
      label,
      prompt: map.prompt ? r.get(map.prompt) : undefined,
      goal: map.goal ? r.get(map.goal) : undefined,
    };
  });
}

/** The file as UTF-8 text; binary junk (a NUL byte or invalid UTF-8) is one line, never its bytes echoed. */
function utf8Text(bytes: Buffer, file: string): string {
  const binary = (what: string) =>
    new BreakfixError("DATA_INVALID", `${what}: this is not a CSV or JSONL text file`, {
      location: { file },
      fix: "pass the labels as UTF-8 CSV (with a header row) or JSONL",
    });
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw binary(`byte ${nul} is NUL`);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw binary("invalid UTF-8");
  }
}
