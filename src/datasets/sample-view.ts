import { BreakfixError, escapeText, type Sample } from "../core/index.js";
import { csvField } from "./csv.js";

/** A `key=value` filter on samples: a Sample field (`harmArea`, `language`, `benign`, ...) or a meta key. */
export interface SampleFilter {
  key: string;
  value: string;
}

export function parseSampleFilter(text: string): SampleFilter {
  const i = text.indexOf("=");
  if (i <= 0) {
    throw new BreakfixError("USAGE", `--where ${JSON.stringify(text)} is not key=value`, {
      fix: "write e.g. --where harmArea=cyber or --where meta.method=PAIR",
    });
  }
  return { key: text.slice(0, i).trim(), value: text.slice(i + 1).trim() };
}

function valueAt(sample: Sample, key: string): unknown {
  const metaKey = key.startsWith("meta.") ? key.slice(5) : key;
  if (!key.startsWith("meta.") && key in sample && key !== "meta")
    return (sample as unknown as Record<string, unknown>)[key];
  return sample.meta?.[metaKey];
}

/** Samples matching every filter (string comparison; arrays match when any element matches). */
export function filterSamples(samples: readonly Sample[], filters: readonly SampleFilter[]): Sample[] {
  return samples.filter((s) =>
    filters.every((f) => {
      const v = valueAt(s, f.key);
      return Array.isArray(v)
        ? v.some((x) => String(x) === f.value)
        : v !== undefined && String(v) === f.value;
    }),
  );
}

function promptText(prompt: Sample["prompt"]): string {
  return typeof prompt === "string" ? prompt : prompt.map((m) => `${m.role}: ${m.content}`).join("\n");
}

/** A sample for a terminal: every piece of dataset text escaped, long prompts cut. */
export function formatSampleForTerminal(sample: Sample, maxChars = 400): string {
  const text = promptText(sample.prompt);
  const cut =
    text.length > maxChars ? `${text.slice(0, maxChars)}… (+${text.length - maxChars} chars)` : text;
  const tags = [
    sample.benign ? "benign" : "harmful",
    sample.language ?? "?",
    `area=${sample.harmArea ?? "-"}`,
    ...(typeof sample.meta?.["category"] === "string" ? [`category=${sample.meta["category"]}`] : []),
  ];
  const body = escapeText(cut)
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
  return `${escapeText(sample.id, { oneLine: true })}  ${escapeText(tags.join("  "), { oneLine: true })}\n${body}`;
}

export const SAMPLE_CSV_HEADER = [
  "id",
  "source",
  "prompt",
  "harmArea",
  "benign",
  "language",
  "expected",
  "meta",
];

/** One CSV line (without line break) of a sample; a conversation prompt and `meta` are written as JSON. */
export function sampleToCsvRow(s: Sample): string {
  const prompt = typeof s.prompt === "string" ? s.prompt : JSON.stringify(s.prompt);
  const cells = [
    s.id,
    s.source,
    prompt,
    s.harmArea ?? "",
    s.benign === undefined ? "" : String(s.benign),
    s.language ?? "",
    s.expected ?? "",
    s.meta ? JSON.stringify(s.meta) : "",
  ];
  return cells.map(csvField).join(",");
}
