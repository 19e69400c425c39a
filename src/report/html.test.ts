import { describe, expect, it } from "vitest";
import { PAYLOADS } from "./fixtures/sample-report.js";
import { escapeHtml, escapeUntrusted, html, raw, SafeHtml } from "./html.js";

describe("escapeHtml", () => {
  it("escapes the five characters that matter in text and in quoted attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;",
    );
  });

  it("leaves no tag, quote or entity start in any payload", () => {
    for (const payload of Object.values(PAYLOADS)) {
      const out = escapeHtml(payload);
      expect(out).not.toMatch(/[<>"']/);
      expect(out.replace(/&(amp|lt|gt|quot|#39);/g, "")).not.toContain("&");
    }
  });
});

describe("escapeUntrusted", () => {
  it("shows control characters and bidi overrides as visible escapes, keeps line breaks", () => {
    expect(escapeUntrusted("a\u202eb\u001b[31mc\r\nd\te")).toBe("a\\u{202e}b\\x1b[31mc\nd\te");
  });
});

describe("html template", () => {
  it("escapes interpolated text in element content and attribute values", () => {
    const name = PAYLOADS.areaName;
    const out = html`<p title="${name}">${name}</p>`.value;
    expect(out).toBe(
      '<p title="&quot;&gt;&lt;script&gt;window.__pwned=&#39;area&#39;&lt;/script&gt;">&quot;&gt;&lt;script&gt;window.__pwned=&#39;area&#39;&lt;/script&gt;</p>',
    );
  });

  it("cannot be escaped from a single-quoted or double-quoted attribute", () => {
    const out = html`<rect data-a='${PAYLOADS.techniqueName}' data-b="${PAYLOADS.img}"/>`.value;
    // Exactly the two attributes we wrote: no injected `onmouseover=` / `onerror=` attribute.
    const attributes = [...out.matchAll(/\s([a-z-]+)=(["'])/g)].map((m) => m[1]);
    expect(attributes).toEqual(["data-a", "data-b"]);
  });

  it("keeps SafeHtml, joins arrays, renders nothing for undefined, null and false, escapes numbers", () => {
    const inner = html`<b>${"<i>"}</b>`;
    expect(inner).toBeInstanceOf(SafeHtml);
    expect(html`${inner}${[1, "<", raw("<br>")]}${undefined}${null}${false}`.value).toBe(
      "<b>&lt;i&gt;</b>1&lt;<br>",
    );
    expect(String(html`${0}`)).toBe("0");
  });
});
