import type { SampleRef } from "../../store/index.js";
import { classesOf, isUiLabelSpace, LABEL_KEYS, type UiLabelSpace } from "./label-queue.js";

export interface LabelPost {
  ref: SampleRef;
  space: UiLabelSpace;
  labeller: string;
  label: string;
}

const MAX_NAME = 100;
const isText = (v: unknown, max = 2000): v is string => typeof v === "string" && v.length <= max;
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** The body of `POST /api/labels`, checked: the parsed label, or what is wrong with it (a 400). */
export function parseLabelPost(body: unknown): LabelPost | string {
  if (!body || typeof body !== "object") return "send a JSON object {ref, space, labeller, label}";
  const b = body as Record<string, unknown>;
  const r = (b["ref"] ?? {}) as Record<string, unknown>;
  if (!isText(r["runId"]) || !r["runId"] || !isText(r["itemId"]) || !r["itemId"])
    return "ref needs runId and itemId strings";
  if (!isCount(r["attempt"]) || !isCount(r["turn"])) return "ref needs attempt and turn as whole numbers ≥ 0";
  const space = b["space"];
  if (!isUiLabelSpace(space)) return `space must be one of ${Object.keys(LABEL_KEYS).join(", ")}`;
  const labeller = typeof b["labeller"] === "string" ? b["labeller"].trim() : "";
  if (!labeller || labeller.length > MAX_NAME)
    return `labeller must be a name of 1 to ${MAX_NAME} characters`;
  const classes = classesOf(space);
  if (typeof b["label"] !== "string" || !classes.includes(b["label"]))
    return `label must be one of ${classes.join(", ")} in the ${space} space`;
  return {
    ref: { runId: r["runId"], itemId: r["itemId"], attempt: r["attempt"], turn: r["turn"] },
    space,
    labeller,
    label: b["label"],
  };
}
