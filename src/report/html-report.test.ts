import { describe, expect, it } from "vitest";
import { sampleReport } from "./fixtures/sample-report.js";
import { REPORT_CSP, renderHtmlReport } from "./html-report.js";
import type { CycleReportData } from "./report-data.js";

function emptyReport(): CycleReportData {
  return {
    ...sampleReport(1),
    rounds: [
      {
        round: 0,
        model: "engine:base",
        metrics: { asr: { value: Number.NaN, low: Number.NaN, high: Number.NaN, n: 0 } },
        defectRateByArea: [],
        asrHeatmap: [],
        comparisons: [],
        gates: [],
      },
    ],
    vulnerabilities: [],
    judgeCalibration: [],
    transcripts: [],
    stageTimings: [],
    verdict: { round: 0, pass: true, failed: [] },
  };
}

describe("renderHtmlReport", () => {
  const page = renderHtmlReport(sampleReport());

  it("is one self-contained page: strict CSP first in <head>, no scripts, no external references", () => {
    expect(page.startsWith("<!DOCTYPE html>")).toBe(true);
    const head = page.slice(page.indexOf("<head>"), page.indexOf("</head>"));
    expect(head.indexOf("Content-Security-Policy")).toBeLessThan(head.indexOf("<title>"));
    expect(head).toContain(`content="${REPORT_CSP}"`);
    expect(REPORT_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<(img|iframe|link|object|embed|base|meta http-equiv="refresh")/i);
    expect(page).not.toMatch(/(src|href)\s*=\s*["']?(https?:|\/\/|javascript:)/i);
    expect(page).not.toMatch(/@import|url\(/i);
  });

  it("no payload becomes a tag or an attribute: every `on…=` sits in text, never inside a tag", () => {
    const tags = page.match(/<[a-zA-Z][^>]*>/g) ?? [];
    for (const tag of tags) expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
    const names = new Set(tags.map((t) => (/^<([a-zA-Z][\w-]*)/.exec(t)?.[1] ?? "").toLowerCase()));
    const allowed =
      "html head meta title style body main header h1 h2 h3 dl div dt dd nav ol ul li a section p table thead tbody tr th td span strong code figure figcaption svg desc g rect path line text circle details summary pre footer";
    for (const name of names) expect(allowed.split(" "), `unexpected <${name}>`).toContain(name);
    expect(page).toContain("&lt;script&gt;window.__pwned = &#39;script&#39;; alert(1)&lt;/script&gt;");
    expect(page).toContain("&quot;&gt;&lt;script&gt;window.__pwned=&#39;area&#39;&lt;/script&gt;");
    expect(page).toContain("bidi \\u{202e}evil");
  });

  it("has the charts: grouped bars, one heatmap per round, the trade-off and capability lines", () => {
    const count = (re: RegExp) => page.match(re)?.length ?? 0;
    expect(count(/<svg[^>]*class="chart chart-defect-rate"/g)).toBe(1);
    expect(count(/<rect class="bar"/g)).toBe(4 * 3);
    expect(count(/<svg[^>]*class="chart chart-asr-heatmap"/g)).toBe(3);
    expect(count(/<rect class="cell/g)).toBe(3 * 4 * 5);
    expect(count(/class="chart chart-line chart-tradeoff"/g)).toBe(1);
    expect(count(/class="chart chart-line chart-capability"/g)).toBe(1);
    expect(count(/class="chart chart-tradeoff-path"/g)).toBe(1);
    const svgs = page.match(/<svg[^>]*>/g) ?? [];
    for (const svg of svgs) expect(svg).toContain('role="img"');
    expect(count(/<svg/g)).toBe(count(/<svg[^>]*>(?:(?!<\/svg>).)*?<title>/gs));
  });

  it("shows tables with headers, per-round gates, vulnerability history and collapsed transcripts", () => {
    expect(page).toContain('<th scope="col">Round 2</th>');
    expect(page).toContain("Round 1: 3/3 gates passed");
    expect(page).toContain("Release verdict for round 2: FAIL");
    expect(page).toMatch(/<span class="status reopened">reopened<\/span>/);
    expect(page.match(/<details class="transcript">/g)).toHaveLength(4);
    expect(page).not.toMatch(/<details[^>]*\sopen/);
    expect(page).toContain("Content warning:");
    expect(page).toContain('<span class="delta better">−21.0 pt</span>');
  });

  it("handles a single round with empty sections and missing values gracefully", () => {
    const single = renderHtmlReport(emptyReport());
    expect(single).toContain("No vulnerabilities were found in any round.");
    expect(single).toContain("No example transcripts were captured.");
    expect(single).toContain("No red-team attempts were recorded.");
    expect(single).toContain("No paired comparisons");
    expect(single).toContain("No release gates were configured.");
    expect(single).toContain("No judge calibration");
    expect(single).toContain("No stage timings");
    expect(single).toContain("n/a");
    expect(single).not.toContain("NaN");
    expect(single).toContain("Release verdict for round 0: PASS");
  });

  it("handles many rounds", () => {
    const many = renderHtmlReport(sampleReport(8));
    expect(many.match(/<svg[^>]*class="chart chart-asr-heatmap"/g)).toHaveLength(8);
    expect(many.match(/<rect class="bar"/g)).toHaveLength(4 * 8);
    expect(many).toContain('<th scope="col">Round 7</th>');
  });

  it("is deterministic", () => {
    expect(renderHtmlReport(sampleReport())).toBe(page);
  });
});
