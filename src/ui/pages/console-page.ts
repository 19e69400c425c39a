import { html } from "../../report/index.js";
import type { UiFeature } from "../http/ui-context.js";
import { consoleOptions, registerConsoleApi } from "./console-api.js";
import { layout } from "./layout.js";

/**
 * The manual red-teaming console: chat with any model, convert a message before sending it (preview first),
 * retry or branch, judge a reply, flag it as a finding. The page is a form rendered here; console.js drives it
 * through /api/console and writes every model text with textContent.
 */
export const consoleFeature: UiFeature = {
  name: "console",
  nav: { href: "/console", label: "Console" },
  register(app, ui) {
    registerConsoleApi(app, ui);
    app.get("/console", (c) => {
      const o = consoleOptions(ui);
      const body = html`<div class="console">
<aside class="console-sessions" aria-label="Sessions">
<h2>Sessions</h2>
<form id="new-session" class="stack">
<label>Model <input id="new-model" name="model" list="model-options" value="engine:base" required autocomplete="off"></label>
<label>System prompt <textarea id="new-system" name="system" rows="3"></textarea></label>
<label>Title <input id="new-title" name="title" autocomplete="off"></label>
<button type="submit">New session</button>
</form>
<ul id="sessions" class="session-list"></ul>
</aside>
<section class="console-chat" aria-label="Chat">
<p id="no-session" class="empty">Start a new session or open a saved one.</p>
<div id="chat" hidden>
<form id="settings" class="stack row">
<label>Title <input id="set-title" autocomplete="off"></label>
<label>Model <input id="set-model" list="model-options" autocomplete="off"></label>
<label class="wide">System prompt <textarea id="set-system" rows="2"></textarea></label>
<button type="submit">Save settings</button>
</form>
<div id="transcript" class="transcript" aria-live="polite"></div>
<form id="composer" class="stack">
<p id="branch-note" class="muted"></p>
<label>Message <textarea id="message" rows="4" required></textarea></label>
<div class="row">
<label>Template <select id="template"><option value="">(none)</option>${o.templates.map(
        (t) => html`<option value="${t.id}" title="${t.description}">${t.id}</option>`,
      )}</select></label>
<label>Converters (applied in order) <select id="converters" multiple size="4">${o.converters.map(
        (cv) => html`<option value="${cv.id}" title="${cv.description}">${cv.id}</option>`,
      )}</select></label>
</div>
<div class="row"><button type="button" id="preview-btn">Preview</button><button type="submit" id="send-btn">Send</button></div>
<pre id="preview" class="reply" hidden></pre>
</form>
<form id="judge-form" class="row">
<label>Judges <input id="judges" value="${o.judges.slice(0, 3).join(", ")}" list="judge-options" autocomplete="off"></label>
</form>
<form id="flag-form" class="stack flag-form" hidden>
<h2>Flag reply as a finding</h2>
<div class="row">
<div class="stack">
<label>Harm area <select id="flag-area" required>${o.areas.map(
        (a) => html`<option value="${a.id}">${a.name} (${a.id})</option>`,
      )}</select></label>
<label>Severity <select id="flag-severity" required>${o.severity.map(
        (_s, i) => html`<option value="${i}">${i}</option>`,
      )}</select></label>
<label>Note <textarea id="flag-note" rows="3"></textarea></label>
<div class="row"><button type="submit">Flag as finding</button><button type="button" id="flag-cancel">Cancel</button></div>
</div>
<ol class="rubric" start="0" aria-label="Severity rubric">${o.severity.map((s) => html`<li>${s}</li>`)}</ol>
</div>
</form>
</div>
<p id="status" role="status" class="status"></p>
</section>
</div>
<datalist id="model-options">${o.models.map((m) => html`<option value="${m.id}">${m.label}</option>`)}</datalist>
<datalist id="judge-options">${o.judges.map((j) => html`<option value="${j}"></option>`)}</datalist>`;
      return c.html(
        layout({
          title: "Manual red-teaming",
          active: "/console",
          body,
          scripts: ["console.js"],
        }),
      );
    });
  },
};
