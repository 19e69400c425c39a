import { html, raw, type SafeHtml } from "../../report/index.js";
import { uiNav } from "../http/ui-app.js";

export interface PageOptions {
  title: string;
  /** The navigation entry to mark as current. */
  active?: string;
  body: SafeHtml;
  /** Page scripts under /static (besides app.js, which every page loads). */
  scripts?: readonly string[];
  /** Stylesheets under /static loaded before app.css (which wins where both style the same thing). */
  styles?: readonly string[];
}

/** The page shell: navigation, content, and only same-origin scripts (the CSP forbids inline ones). */
export function layout(o: PageOptions): string {
  return html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${o.title} · breakfix</title>
${(o.styles ?? []).map((s) => html`<link rel="stylesheet" href="/static/${s}">`)}
<link rel="stylesheet" href="/static/app.css">
<script type="module" src="/static/app.js"></script>
${(o.scripts ?? []).map((s) => html`<script type="module" src="/static/${s}"></script>`)}
</head><body>
<header class="top"><a class="brand" href="/">breakfix</a>
<nav aria-label="Main">${uiNav().map(
    (n) => html`<a href="${n.href}"${n.href === o.active ? raw(' aria-current="page"') : ""}>${n.label}</a>`,
  )}</nav></header>
<main id="main">
<h1>${o.title}</h1>
${o.body}
</main></body></html>
`.value;
}
