import { z } from "zod";
import { BreakfixError } from "../core/index.js";
import type { CycleReportData } from "./report-data.js";

// JSON has no NaN: a metric that could not be computed is written as null and read back as NaN ("n/a").
const num = z.union([z.number(), z.null()]).transform((v) => v ?? Number.NaN);
const count = z.number().int().nonnegative();
const status = z.enum(["new", "open", "fixed", "reopened", "collapsed"]);
const metric = z.object({
  value: num,
  low: num,
  high: num,
  n: count,
  errors: count.optional(),
  unknown: count.optional(),
  basis: z.string().optional(),
});

const outcomeCell = z.object({ count, samples: z.array(z.string()) });

const round = z.object({
  round: z.number().int().nonnegative(),
  model: z.string(),
  metrics: z.record(z.string(), metric),
  defectRateByArea: z.array(metric.extend({ area: z.string() })),
  asrHeatmap: z.array(
    z.object({ area: z.string(), technique: z.string(), successes: count, attempts: count }),
  ),
  comparisons: z.array(
    z.object({
      metric: z.string(),
      against: z.enum(["previous", "baseline"]),
      before: num,
      after: num,
      delta: num,
      deltaLow: num,
      deltaHigh: num,
      pValue: num.optional(),
      n: count,
      paired: z.boolean().optional(),
    }),
  ),
  gates: z.array(z.object({ name: z.string(), pass: z.boolean(), actual: num, threshold: num })),
  training: z.record(z.string(), num).optional(),
  replyOutcomes: z
    .array(
      z.object({
        set: z.string(),
        kind: z.enum(["harmful", "benign"]),
        n: count,
        refused: outcomeCell,
        complied: outcomeCell,
        degenerate: outcomeCell,
      }),
    )
    .optional(),
});

/** The JSON form of `CycleReportData`, checked when a report is re-rendered from its file. */
export const cycleReportSchema = z.object({
  schema: z.literal("breakfix.cycle-report@1"),
  cycleId: z.string(),
  title: z.string(),
  createdAt: z.string(),
  seed: z.number(),
  startModel: z.string(),
  rounds: z.array(round),
  vulnerabilities: z.array(
    z.object({
      id: z.string(),
      harmArea: z.string(),
      technique: z.string(),
      language: z.string(),
      turnDepth: z.string(),
      history: z.array(z.object({ round: count, status, asr: num, severity: num })),
      latestStatus: status,
      score: num,
    }),
  ),
  judgeCalibration: z.array(
    z.object({ judge: z.string(), dataset: z.string(), accuracy: num, kappa: num, n: count }),
  ),
  transcripts: z.array(
    z.object({
      round: count,
      title: z.string(),
      harmArea: z.string(),
      technique: z.string(),
      severity: num,
      messages: z.array(z.object({ role: z.string(), content: z.string() })),
    }),
  ),
  stageTimings: z.array(z.object({ round: count, stage: z.string(), seconds: num })),
  verdict: z.object({ round: count, pass: z.boolean(), failed: z.array(z.string()) }),
});

const FIX = "re-create it with `breakfix cycle report <cycleId>`, or correct that field by hand";

/** Parses and checks a cycle report's JSON; malformed input is one `DATA_INVALID` error naming the field. */
export function parseCycleReportJson(text: string, file: string): CycleReportData {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // V8 quotes the surrounding text in some messages: the report's own content is not repeated back.
    const reason = message.replace(/, .*is not valid JSON$/s, "").replace(/ in JSON at position \d+.*$/s, "");
    throw new BreakfixError("DATA_INVALID", `not valid JSON (${reason})`, {
      fix: "pass the report.json that `breakfix cycle report` wrote",
      location: { file, ...jsonPosition(text, message) },
    });
  }
  const result = cycleReportSchema.safeParse(value);
  if (result.success) return result.data satisfies CycleReportData;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const field = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
  const isSchemaTag = issue.path.length === 1 && issue.path[0] === "schema";
  throw new BreakfixError("DATA_INVALID", isSchemaTag ? "not a breakfix cycle report" : issue.message, {
    fix: isSchemaTag ? 'a cycle report has `"schema": "breakfix.cycle-report@1"`; pass its report.json' : FIX,
    location: { file, field: field.replace(/^\./, "") || "(root)" },
  });
}

/** Line and column of a JSON.parse error, from the `position N` its message carries. */
function jsonPosition(text: string, reason: string): { line?: number; column?: number } {
  const match = /position (\d+)/.exec(reason);
  if (!match) return {};
  const before = text.slice(0, Number(match[1]));
  const lines = before.split("\n");
  return { line: lines.length, column: (lines.at(-1) ?? "").length + 1 };
}
