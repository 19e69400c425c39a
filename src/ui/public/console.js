// The manual red-teaming console: sessions, chat, preview, retry/branch, judges, flagging.
// Every model text (and every note) is written with textContent through el(): never as markup.
import { api, el } from "./app.js";

const $ = (id) => document.getElementById(id);
let session = null;
let flagging = null;

function status(text, bad = false) {
  const s = $("status");
  s.textContent = text;
  s.className = bad ? "status bad" : "status";
}

async function act(label, fn) {
  status(`${label}…`);
  for (const b of document.querySelectorAll("button")) b.disabled = true;
  try {
    await fn();
    status(`${label}: done`);
  } catch (err) {
    status(`${label} failed: ${err.message}`, true);
  } finally {
    for (const b of document.querySelectorAll("button")) b.disabled = false;
  }
}

/** The turns from the first down to the head. */
function path() {
  const byId = new Map(session.turns.map((t) => [t.id, t]));
  const out = [];
  for (
    let t = session.head ? byId.get(session.head) : undefined;
    t;
    t = t.parent ? byId.get(t.parent) : undefined
  )
    out.unshift(t);
  return out;
}

/** The newest turn at the end of the branch under `id`: switching to a version shows its whole branch. */
function leafOf(id) {
  let leaf = id;
  for (;;) {
    const children = session.turns.filter((t) => t.parent === leaf);
    if (children.length === 0) return leaf;
    leaf = children.at(-1).id;
  }
}

function siblings(turn) {
  return session.turns.filter((t) => t.parent === turn.parent && t.role === turn.role);
}

async function load(id) {
  session = (await api(`/api/console/sessions/${encodeURIComponent(id)}`)).session;
  render();
}

function setSession(s) {
  session = s;
  render();
  void refreshSessions();
}

const post = (what, body) => api(`/api/console/sessions/${encodeURIComponent(session.id)}/${what}`, body);

function scoreLine(s) {
  const parts = [s.judgeId, s.label];
  if (s.severity !== undefined) parts.push(`severity ${s.severity}`);
  if (s.value !== undefined) parts.push(`p ${Number(s.value).toFixed(2)}`);
  if (s.error) parts.push(`(${s.error})`);
  return el("li", { class: s.label === "unknown" ? "bad" : "" }, parts.join(" · "));
}

function turnView(turn) {
  const sibs = siblings(turn);
  const meta = [];
  if (turn.template) meta.push(`template ${turn.template}`);
  if (turn.converters?.length) meta.push(`converters ${turn.converters.join(" → ")}`);
  if (turn.model) meta.push(turn.model);
  if (sibs.length > 1) meta.push(`version ${sibs.indexOf(turn) + 1} of ${sibs.length}`);
  const actions = el("div", { class: "turn-actions" });
  if (sibs.length > 1)
    for (const [i, s] of sibs.entries())
      if (s !== turn)
        actions.append(
          el(
            "button",
            {
              type: "button",
              onclick: () =>
                act("Switch", async () =>
                  setSession((await post("branch", { turnId: leafOf(s.id) })).session),
                ),
            },
            `Show version ${i + 1}`,
          ),
        );
  actions.append(
    turn.role === "user"
      ? el(
          "button",
          {
            type: "button",
            class: "branch",
            onclick: () =>
              act("Branch", async () => {
                setSession((await post("branch", { turnId: turn.parent })).session);
                $("message").value = turn.original ?? turn.content;
                $("message").focus();
              }),
          },
          "Edit and resend (new branch)",
        )
      : el(
          "button",
          {
            type: "button",
            class: "branch",
            onclick: () =>
              act("Branch", async () => setSession((await post("branch", { turnId: turn.id })).session)),
          },
          "Continue from here",
        ),
  );
  if (turn.role === "assistant") {
    actions.append(
      el(
        "button",
        {
          type: "button",
          class: "retry",
          onclick: () =>
            act("Retry", async () => setSession((await post("retry", { turnId: turn.id })).session)),
        },
        "Retry",
      ),
    );
    if (!turn.error) {
      actions.append(
        el(
          "button",
          {
            type: "button",
            class: "judge",
            onclick: () =>
              act("Judge", async () => {
                const judges = $("judges")
                  .value.split(",")
                  .map((j) => j.trim())
                  .filter(Boolean);
                setSession((await post("judge", { turnId: turn.id, judges })).session);
              }),
          },
          "Judge",
        ),
        el("button", { type: "button", class: "flag", onclick: () => openFlag(turn) }, "Flag as finding"),
      );
    }
  }
  return el(
    "article",
    { class: `turn ${turn.role}`, "data-turn": turn.id },
    el(
      "header",
      {},
      el("strong", {}, turn.role === "user" ? "You" : "Model"),
      " ",
      el("span", { class: "muted" }, meta.join(" · ")),
    ),
    turn.original !== undefined
      ? el(
          "details",
          {},
          el("summary", {}, "Typed before conversion"),
          el("pre", { class: "reply" }, turn.original),
        )
      : null,
    turn.error
      ? el("p", { class: "bad error" }, `Model call failed — ${turn.error}`)
      : el("pre", { class: "reply" }, turn.content),
    turn.scores?.length ? el("ul", { class: "scores" }, turn.scores.map(scoreLine)) : null,
    turn.findingId ? el("p", { class: "flagged" }, `Flagged as finding ${turn.findingId}`) : null,
    actions,
  );
}

function render() {
  $("no-session").hidden = session !== null;
  $("chat").hidden = session === null;
  if (!session) return;
  $("set-title").value = session.title;
  $("set-model").value = session.model;
  $("set-system").value = session.systemPrompt;
  const turns = path();
  $("transcript").replaceChildren(...turns.map(turnView));
  const last = turns.at(-1);
  $("branch-note").textContent =
    session.head === null
      ? "The next message starts the conversation."
      : last && last.id !== session.turns.at(-1)?.id
        ? "You are continuing from an earlier turn: the next message starts a new branch."
        : "";
}

function openFlag(turn) {
  flagging = turn;
  $("flag-form").hidden = false;
  $("flag-note").focus();
}

async function refreshSessions() {
  const { sessions } = await api("/api/console/sessions");
  $("sessions").replaceChildren(
    ...sessions.map((s) =>
      el(
        "li",
        {},
        el(
          "button",
          { type: "button", class: "linkish", onclick: () => act("Open", () => load(s.id)) },
          s.title,
        ),
        el("div", { class: "muted" }, `${s.model} · ${s.turnCount} turns · ${s.updatedAt}`),
      ),
    ),
  );
}

function messageOptions() {
  return {
    text: $("message").value,
    template: $("template").value,
    converters: [...$("converters").selectedOptions].map((o) => o.value),
  };
}

$("new-session").addEventListener("submit", (e) => {
  e.preventDefault();
  void act("New session", async () => {
    const body = {
      model: $("new-model").value,
      systemPrompt: $("new-system").value,
      title: $("new-title").value,
    };
    setSession((await api("/api/console/sessions", body)).session);
  });
});
$("settings").addEventListener("submit", (e) => {
  e.preventDefault();
  void act("Save settings", async () => {
    const body = {
      model: $("set-model").value,
      systemPrompt: $("set-system").value,
      title: $("set-title").value,
    };
    setSession((await post("settings", body)).session);
  });
});
$("preview-btn").addEventListener("click", () =>
  act("Preview", async () => {
    const { text } = await api("/api/console/preview", messageOptions());
    $("preview").hidden = false;
    $("preview").textContent = text;
  }),
);
$("composer").addEventListener("submit", (e) => {
  e.preventDefault();
  void act("Send", async () => {
    setSession((await post("send", messageOptions())).session);
    $("message").value = "";
    $("preview").hidden = true;
  });
});
$("judge-form").addEventListener("submit", (e) => e.preventDefault());
$("flag-cancel").addEventListener("click", () => {
  $("flag-form").hidden = true;
  flagging = null;
});
$("flag-form").addEventListener("submit", (e) => {
  e.preventDefault();
  if (!flagging) return;
  void act("Flag", async () => {
    const body = {
      turnId: flagging.id,
      harmArea: $("flag-area").value,
      severity: Number($("flag-severity").value),
      note: $("flag-note").value,
    };
    setSession((await post("flag", body)).session);
    $("flag-form").hidden = true;
    $("flag-note").value = "";
    flagging = null;
  });
});

void act("Load sessions", refreshSessions);
