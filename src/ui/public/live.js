// Live progress: the server pushes run statuses and item counts (server-sent events) whenever the store
// changes; every element marked data-live-run gets its text rewritten. Text only, never markup.

function progressText(run) {
  return `${run.status} · ${run.done}/${run.total} items${run.failed > 0 ? ` · ${run.failed} failed` : ""}`;
}

const marked = document.querySelectorAll("[data-live-run]");
if (marked.length > 0 && "EventSource" in window) {
  const source = new EventSource("/api/events");
  // Marks the page while the stream is open (the tests wait for it before writing the store).
  source.addEventListener("open", () => document.documentElement.setAttribute("data-live", "open"));
  source.addEventListener("error", () => document.documentElement.setAttribute("data-live", "closed"));
  source.addEventListener("progress", (event) => {
    let runs;
    try {
      runs = JSON.parse(event.data).runs;
    } catch {
      return;
    }
    const byId = new Map(runs.map((r) => [r.id, r]));
    for (const node of document.querySelectorAll("[data-live-run]")) {
      const run = byId.get(node.getAttribute("data-live-run"));
      if (!run) continue;
      const text = progressText(run);
      if (node.textContent !== text) {
        node.textContent = text;
        // The rest of the page (stages, metrics) is as loaded: say so rather than recompute it here.
        for (const note of document.querySelectorAll("[data-live-note]")) note.removeAttribute("hidden");
      }
      node.setAttribute("data-status", run.status);
    }
  });
  // The browser reconnects by itself; close on leaving so the server drops its listener at once.
  window.addEventListener("pagehide", () => source.close());
}
