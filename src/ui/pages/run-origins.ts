import { cycleSummary, listCycles } from "../../cycle/index.js";
import { html, type SafeHtml } from "../../report/index.js";
import type { UiContext } from "../http/ui-context.js";
import { cycleHref } from "./page-kit.js";

/** Which cycle round a run measured: the cycles' state names their runs (the runs do not name the cycle). */
export interface RunOrigin {
  cycleId: string;
  round: number;
}

export function runOrigins(ui: UiContext): Map<string, RunOrigin> {
  const out = new Map<string, RunOrigin>();
  for (const cycle of listCycles(ui.env.store)) {
    let rounds: ReturnType<typeof cycleSummary>["state"]["rounds"];
    try {
      rounds = cycleSummary(ui.env.store, cycle.id, ui.config.models.aliases ?? {}).state.rounds;
    } catch {
      continue; // a cycle whose record cannot be read still lists its runs, without this link
    }
    for (const r of rounds) {
      const ids = [...Object.values(r.benchRuns), ...Object.values(r.campaignRuns)];
      for (const id of ids) if (id) out.set(id, { cycleId: cycle.id, round: r.round });
    }
  }
  return out;
}

export function originLink(origin: RunOrigin | undefined): SafeHtml | "" {
  return origin
    ? html`<a href="${cycleHref(origin.cycleId)}">${origin.cycleId}</a> <span class="muted">round ${origin.round}</span>`
    : "";
}
