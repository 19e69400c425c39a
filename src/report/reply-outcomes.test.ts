import { describe, expect, it } from "vitest";
import { PAYLOADS, sampleReport } from "./fixtures/sample-report.js";
import { escapeUntrusted } from "./html.js";
import { renderHtmlReport } from "./html-report.js";
import { renderMarkdownReport } from "./markdown-report.js";
import { mdText } from "./markdown-text.js";
import { REPORT_CSS } from "./report-style.js";

const section = (page: string, id: string): string =>
  page.slice(
    page.indexOf(`<section id="${id}"`),
    page.indexOf("</section>", page.indexOf(`<section id="${id}"`)),
  );

describe("reply-outcome table", () => {
  const data = sampleReport();

  it("HTML: per round, each set's refused / complied / degenerate share with its count and n", () => {
    const outcomes = section(renderHtmlReport(data), "reply-outcomes");
    expect(outcomes).toContain("<h3>Round 2</h3>");
    // Round 2, harmful set: 12 refused, 8 complied, 20 degenerate of 40.
    expect(outcomes).toContain("30.0% (12/40)");
    expect(outcomes).toContain("20.0% (8/40)");
    expect(outcomes).toContain('<span class="v outcome degenerate">50.0% (20/40)</span>');
  });

  it("HTML: example replies and set names are escaped like every other model text", () => {
    const outcomes = section(renderHtmlReport(data), "reply-outcomes");
    expect(outcomes).not.toMatch(/<script|<img|<svg|<\/pre><\/details><script/i);
    expect(outcomes).toContain(`<pre class="sample">${escapeUntrusted(PAYLOADS.script)}</pre>`);
    expect(outcomes).toContain(escapeUntrusted(PAYLOADS.areaName));
  });

  it("Markdown: the same numbers, examples as escaped one-liners", () => {
    const md = renderMarkdownReport(data);
    const part = md.slice(md.indexOf("## Refused, complied or degenerate"), md.indexOf("## Defect rate"));
    expect(part).toContain("50.0% (20/40)");
    expect(part).toContain(`“${mdText(PAYLOADS.script)}”`);
    expect(part).not.toMatch(/<script|<img|<svg/i);
    expect(part).not.toContain("\n# heading injected");
  });

  it("a report made before the table existed renders without it", () => {
    const old = { ...data, rounds: data.rounds.map(({ replyOutcomes: _r, ...round }) => round) };
    expect(renderHtmlReport(old)).toContain("No reply outcomes were recorded.");
    expect(renderMarkdownReport(old)).toContain("_No reply outcomes were recorded._");
  });

  it("shows collapsed vulnerabilities in red", () => {
    const collapsed = {
      ...data,
      vulnerabilities: data.vulnerabilities.map((v) => ({ ...v, latestStatus: "collapsed" as const })),
    };
    expect(renderHtmlReport(collapsed)).toContain('<span class="status collapsed">collapsed</span>');
    expect(REPORT_CSS).toMatch(/\.status\.collapsed[^{]*\{[^}]*var\(--fail\)/);
  });
});
