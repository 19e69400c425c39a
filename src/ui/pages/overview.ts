import { listCycles } from "../../cycle/index.js";
import { html } from "../../report/index.js";
import type { UiFeature } from "../http/ui-context.js";
import { layout } from "./layout.js";

function verdictCell(v: ReturnType<typeof listCycles>[number]["verdict"]) {
  if (!v) return "—";
  return v.pass
    ? html`<span class="good">PASS</span> (round ${v.round})`
    : html`<span class="bad">FAIL</span> (round ${v.round}: ${v.failed.join(", ")})`;
}

/** The landing page: the cycles in the store, newest first. */
export const overviewFeature: UiFeature = {
  name: "overview",
  nav: { href: "/", label: "Cycles" },
  register(app, ui) {
    app.get("/", (c) => {
      const cycles = listCycles(ui.env.store);
      const body = cycles.length
        ? html`<table class="data"><thead><tr><th>Cycle</th><th>Status</th><th>Verdict</th><th>Started</th></tr></thead><tbody>${cycles.map(
            (cy) =>
              html`<tr><td><a href="/cycles/${encodeURIComponent(cy.id)}">${cy.id}</a><div class="muted">${cy.name}</div></td><td>${cy.status}</td><td>${verdictCell(cy.verdict)}</td><td>${cy.createdAt}</td></tr>`,
          )}</tbody></table>`
        : html`<p class="empty">No cycles in this store yet. Run <code>breakfix demo</code> and reload.</p>`;
      return c.html(layout({ title: "Cycles", active: "/", body }));
    });
  },
};
