import { initialSchema } from "./001-initial.js";
import { compositeScores } from "./002-composite-scores.js";
import { vulnerabilities } from "./003-vulnerabilities.js";
import { collapsedStatus } from "./004-collapsed-status.js";
import { manualSessions } from "./005-manual-sessions.js";
import { labels } from "./006-labels.js";
import type { Migration } from "./migration.js";

export type { Migration } from "./migration.js";

/** Every migration, in order; versions are 1, 2, 3, ... with no gaps (checked by a test). */
export const MIGRATIONS: readonly Migration[] = [
  initialSchema,
  compositeScores,
  vulnerabilities,
  collapsedStatus,
  manualSessions,
  labels,
];
