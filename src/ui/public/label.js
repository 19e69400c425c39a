// The labelling page: one keystroke per label, the judges' agreement redrawn after each one.
// Model text (prompts, replies, judge ids) and the labeller's name are written only as text.
import { api, el } from "./app.js";

const NAME_KEY = "breakfix.labeller";
const root = document.getElementById("labelling");
if (root) start(root);

function start(root) {
  const $ = (id) => document.getElementById(id);
  const space = root.dataset.space;
  const keys = JSON.parse(root.dataset.keys);
  const state = { items: [], index: 0, labeller: "", shown: false };

  const status = (text, bad = false) => {
    $("status").textContent = text;
    $("status").className = bad ? "bad" : "";
  };

  function askName() {
    $("who").hidden = false;
    $("who-shown").hidden = true;
    $("who-name").value = state.labeller;
    $("who-name").focus();
  }

  function setName(name) {
    state.labeller = name;
    localStorage.setItem(NAME_KEY, name);
    $("who").hidden = true;
    $("who-shown").hidden = false;
    $("who-label").textContent = name;
    // The warning comes up at once (an Enter typed right after the name is not lost); the queue loads behind it.
    if (!state.shown) {
      $("cw").hidden = false;
      $("cw-ok").focus();
    }
    void load();
  }

  async function load() {
    const q = new URLSearchParams({
      source: root.dataset.source,
      run: root.dataset.run,
      space,
      margin: root.dataset.margin,
      labeller: state.labeller,
    });
    try {
      const data = await api(`/api/labels/queue?${q}`);
      state.items = data.items;
      const first = state.items.findIndex((it) => !it.label);
      state.index = first === -1 ? 0 : first;
      drawAgreement(data.agreement);
      if (state.items.length === 0) {
        $("cw").hidden = true;
        status("This queue is empty.");
      }
      if (state.shown) drawSample();
    } catch (err) {
      status(`Could not load the queue: ${err.message}`, true);
    }
  }

  function drawSample() {
    const it = state.items[state.index];
    if (!it) return;
    $("sample").hidden = false;
    $("pos").textContent = `${state.index + 1} / ${state.items.length}`;
    $("ref").textContent =
      `${it.ref.runId} · ${it.ref.itemId} · attempt ${it.ref.attempt} · turn ${it.ref.turn}`;
    $("current").textContent = it.label ? `your label: ${it.label}` : "not labelled yet";
    $("reasons").textContent = it.reasons.length ? `Picked because: ${it.reasons.join("; ")}` : "";
    $("prompt").textContent = it.prompt;
    $("response").textContent = it.response;
    $("cut").textContent =
      it.chars > it.response.length ? `(showing ${it.response.length} of ${it.chars} characters)` : "";
    $("verdicts").replaceChildren(
      ...it.judges.map((v) =>
        el(
          "li",
          {},
          el("code", {}, v.judge),
          ` ${v.label}`,
          v.inSpace !== v.label ? ` (${v.inSpace})` : "",
          v.value === undefined || v.value === null ? "" : ` · ${Number(v.value).toFixed(2)}`,
        ),
      ),
    );
    if (!root.contains(document.activeElement) || document.activeElement === $("cw-ok")) $("sample").focus();
  }

  const pct = (x) => `${(100 * x).toFixed(1)}%`;

  function drawAgreement(a) {
    const body = $("agreement-body");
    if (!a || a.labels === 0) {
      body.replaceChildren(el("p", { class: "muted" }, "No labels yet."));
      return;
    }
    if (a.judges.length === 0) {
      body.replaceChildren(
        el("p", { class: "muted" }, `${a.labels} labels; no judge has a verdict on them.`),
      );
      return;
    }
    const summary = el(
      "table",
      { class: "data", id: "agreement-table" },
      el(
        "thead",
        {},
        el("tr", {}, ...["Judge", "n", "Accuracy", "Cohen's κ", "Unknown"].map((h) => el("th", {}, h))),
      ),
      el(
        "tbody",
        {},
        ...a.judges.map(({ judge, report: r }) =>
          el(
            "tr",
            { "data-judge": judge },
            el("td", {}, el("code", {}, judge)),
            el("td", {}, String(r.n)),
            el("td", {}, pct(r.accuracy)),
            el("td", {}, r.kappa.toFixed(3)),
            el("td", {}, String(r.unknown)),
          ),
        ),
      ),
    );
    const matrices = a.judges.map(({ judge, report: r }) => {
      const cols = [...r.classes, "unknown"];
      return el(
        "table",
        { class: "data confusion" },
        el("caption", {}, `${judge}: rows = your labels, columns = the judge`),
        el("thead", {}, el("tr", {}, el("th", {}, ""), ...cols.map((c) => el("th", {}, c)))),
        el(
          "tbody",
          {},
          ...r.classes.map((t) =>
            el("tr", {}, el("th", {}, t), ...cols.map((c) => el("td", {}, String(r.confusion[t]?.[c] ?? 0)))),
          ),
        ),
      );
    });
    body.replaceChildren(
      el("p", {}, `${a.labels} labels in the ${a.space} space (all labellers).`),
      summary,
      ...matrices,
    );
  }

  // Labels are saved in order, one request after another, so quick keystrokes are never lost.
  let saving = Promise.resolve();
  function label(value) {
    const it = state.items[state.index];
    if (!it) return;
    const position = state.index + 1;
    const before = it.label;
    it.label = value;
    move(1);
    saving = saving.then(async () => {
      try {
        const res = await api("/api/labels", { ref: it.ref, space, labeller: state.labeller, label: value });
        drawAgreement(res.agreement);
        status(`Saved ${res.label} (${res.saved}) for ${position} / ${state.items.length}.`);
      } catch (err) {
        it.label = before;
        status(`Not saved (${position} / ${state.items.length}): ${err.message}`, true);
      }
      drawSample();
    });
  }

  function move(step) {
    const next = Math.min(Math.max(state.index + step, 0), state.items.length - 1);
    state.index = next;
    drawSample();
  }

  function skip() {
    const later = state.items.findIndex((it, i) => i > state.index && !it.label);
    if (later === -1) status("No unlabelled sample after this one.");
    else {
      state.index = later;
      drawSample();
    }
  }

  $("who").addEventListener("submit", (e) => {
    e.preventDefault();
    const name = $("who-name").value.trim();
    if (name) setName(name);
  });
  $("who-change").addEventListener("click", askName);
  $("cw-ok").addEventListener("click", () => {
    state.shown = true;
    $("cw").hidden = true;
    drawSample();
  });

  document.addEventListener("keydown", (e) => {
    if (!state.shown || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    if (t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement)
      return;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (Object.hasOwn(keys, key)) label(keys[key]);
    else if (key === "j" || key === "ArrowRight") move(1);
    else if (key === "k" || key === "ArrowLeft") move(-1);
    else if (key === "n") skip();
    else return;
    e.preventDefault();
  });

  const saved = localStorage.getItem(NAME_KEY);
  if (saved) setName(saved);
  else askName();
}
