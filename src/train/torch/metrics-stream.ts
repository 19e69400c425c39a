/** One line of the training script's stdout, parsed. */
export type ScriptEvent =
  | { event: "start"; steps?: number; [key: string]: unknown }
  | { event: "step"; step: number; metrics: Record<string, number> }
  | { event: "eval"; step: number; metrics: Record<string, number> }
  | { event: "done"; out?: string; [key: string]: unknown }
  | { event: "text"; text: string };

/**
 * Parses a JSON-lines metrics stream. Lines that are not a JSON object with a known event come back as
 * text (a library's own logging), never thrown on; non-numeric metric values are dropped.
 */
export function parseScriptLine(line: string): ScriptEvent | undefined {
  const text = line.trim();
  if (text === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { event: "text", text };
  }
  if (typeof value !== "object" || value === null) return { event: "text", text };
  const o = value as Record<string, unknown>;
  if (o.event === "start" || o.event === "done") return o as ScriptEvent;
  if ((o.event === "step" || o.event === "eval") && typeof o.step === "number") {
    const metrics: Record<string, number> = {};
    for (const [k, v] of Object.entries(o)) {
      if (k !== "event" && k !== "step" && typeof v === "number" && Number.isFinite(v)) metrics[k] = v;
    }
    return { event: o.event, step: o.step, metrics };
  }
  return { event: "text", text };
}
