import type { Message } from "./messages.js";

/**
 * One evaluation or attack item, as loaded from a dataset or generated. `id` is stable across runs (it
 * comes from the dataset's own id or a content hash) so that results can be keyed on it.
 */
export interface Sample {
  id: string;
  /** Where it came from: dataset name (and version/hash), generator id, or finding id. */
  source: string;
  /** The prompt, as a single user turn or a conversation. */
  prompt: string | readonly Message[];
  /** Harm area id from the taxonomy; absent for benign samples without an area. */
  harmArea?: string;
  /** True for prompts that should be answered (XSTest safe, JBB benign twins, capability items). */
  benign?: boolean;
  language?: string;
  /** Expected answer for capability items (exact match). */
  expected?: string;
  /** Anything else the source carries (category, type, target string, ...). */
  meta?: Record<string, unknown>;
}
