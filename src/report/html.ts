import { escapeText } from "../core/index.js";

/**
 * Markup that is already safe to emit. Only this module's `html` template and `raw` make one, so every other
 * value that reaches the report (model output, harm-area and technique names from config) is escaped by default.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for an HTML or SVG text node and for a quoted attribute value (both quote kinds). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] as string);
}

/**
 * Untrusted text for a page: line endings normalised, control characters and bidirectional overrides shown as
 * visible escapes (they could hide or reorder what a reader sees), then HTML-escaped.
 */
export function escapeUntrusted(text: string): string {
  return escapeHtml(escapeText(text.replace(/\r\n?/g, "\n")));
}

/** Trusted, generated markup (our own tags and CSS): never pass data through this. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * Template tag that escapes every interpolated value: strings and numbers are escaped, `SafeHtml` is kept,
 * arrays are joined, and `undefined`, `null` and `false` render nothing. Attribute values must be quoted.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] as string;
  for (let i = 0; i < values.length; i++) out += interpolate(values[i]) + (strings[i + 1] as string);
  return new SafeHtml(out);
}

function interpolate(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(interpolate).join("");
  if (value === undefined || value === null || value === false) return "";
  return escapeUntrusted(String(value));
}
