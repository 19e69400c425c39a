import { describe, expect, it } from "vitest";
import { PAYLOADS, sampleReport } from "./fixtures/sample-report.js";
import { renderHtmlReport } from "./html-report.js";
import { renderMarkdownReport } from "./markdown-report.js";
import { mdFence, mdText } from "./markdown-text.js";

/** CommonMark fenced blocks: the text of each, found the way a renderer finds them. */
function fencedBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(lines[i] as string);
    if (!open) continue;
    const fence = open[1] as string;
    const body: string[] = [];
    for (i++; i < lines.length; i++) {
      const line = lines[i] as string;
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1]?.[0] === fence[0] && (close[1]?.length ?? 0) >= fence.length) break;
      body.push(line);
    }
    blocks.push(body.join("\n"));
  }
  return blocks;
}

describe("mdFence", () => {
  it("uses a fence longer than any backtick run inside, so the text cannot close it", () => {
    const text = "a\n```\nb\n`````\nc";
    const fenced = mdFence(text);
    expect(fenced.startsWith("``````text\n")).toBe(true);
    expect(fencedBlocks(fenced)).toEqual([text]);
    expect(mdFence("plain")).toBe("```text\nplain\n```");
  });
});

describe("mdText", () => {
  it("neutralises HTML, links, code spans and table pipes in one line", () => {
    expect(mdText(PAYLOADS.jsLink)).toBe(
      "\\[click me\\]\\(javascript:window.\\_\\_pwned='md-link'\\) &lt;a href=\"javascript:window.\\_\\_pwned='a'\"&gt;link&lt;/a&gt;",
    );
    expect(mdText("a|b\nc`d")).toBe("a\\|b\\\\nc\\`d");
    expect(mdText(PAYLOADS.areaName)).not.toMatch(/[<>]/);
  });
});

describe("renderMarkdownReport", () => {
  const data = sampleReport();
  const md = renderMarkdownReport(data);

  it("has every section as tables", () => {
    for (const heading of [
      "## Headline metrics",
      "## Defect rate per harm area",
      "## Attack success by harm area and technique",
      "### Round 2",
      "## Round-over-round comparisons",
      "## Release gates",
      "## Vulnerabilities",
      "## Judge calibration",
      "## Training and stage timings",
      "| Training | Round 1 | Round 2 |",
      "| reopened | 0 | 0 | 1 |",
      "## Example transcripts",
    ]) {
      expect(md).toContain(heading);
    }
    expect(md).toContain("| Metric | Round 0 | Round 1 | Round 2 |");
    // Round 0 is the baseline, so a baseline and two break-fix rounds is not "Rounds: 3".
    expect(md).toContain("- Rounds: baseline + 2 ·");
    expect(md).toContain("**Release verdict for round 2: FAIL**");
    expect(md).toContain("> **Content warning:**");
  });

  it("keeps every model message inside its own fence, verbatim", () => {
    const blocks = fencedBlocks(md);
    const messages = data.transcripts.flatMap((t) => t.messages.map((m) => m.content));
    expect(blocks).toHaveLength(messages.length);
    // Control characters are made visible; everything else is kept as written.
    expect(blocks).toEqual(
      messages.map((m) =>
        m.replace("\u202e", "\\u{202e}").replace("\u202c", "\\u{202c}").replaceAll("\u001b", "\\x1b"),
      ),
    );
  });

  it("outside fences, no raw HTML tag and no table row with extra cells", () => {
    const outside = md.replace(/^(`{3,})text\n[\s\S]*?\n\1$/gm, "");
    expect(outside).not.toMatch(/<\/?(script|img|svg|iframe|style|a)\b/i);
    const vulnHeader =
      "| Id | Harm area | Technique | Language | Turns | Score | Round 0 | Round 1 | Round 2 | Latest |";
    const vulnRows = outside.split(vulnHeader)[1]?.split("\n\n")[0]?.split("\n").slice(2) ?? [];
    expect(vulnRows).toHaveLength(2);
    for (const row of vulnRows)
      expect(row.replace(/\\\|/g, "").split("|").length).toBe(vulnHeader.split("|").length);
  });

  it("says how the defect rates were measured when a stand-in measured them, and only then", () => {
    const basis = "harmful prompts answered rather than refused";
    const standIn = renderMarkdownReport({
      ...data,
      rounds: data.rounds.map((r) => ({
        ...r,
        defectRateByArea: r.defectRateByArea.map((m) => ({ ...m, basis })),
      })),
    });
    expect(standIn).toContain(`_Measured as: ${basis}._`);
    expect(md).not.toContain("Measured as:");
    const html = renderHtmlReport({
      ...data,
      rounds: [
        { ...data.rounds[0]!, defectRateByArea: [{ ...data.rounds[0]!.defectRateByArea[0]!, basis }] },
      ],
    });
    expect(html).toContain(`Measured as: ${basis}.`);
  });

  it("says so when a section is empty", () => {
    const empty = renderMarkdownReport({
      ...data,
      rounds: data.rounds.slice(0, 1).map((r) => ({ ...r, asrHeatmap: [], comparisons: [], gates: [] })),
      vulnerabilities: [],
      transcripts: [],
      judgeCalibration: [],
      stageTimings: [],
    });
    expect(empty).toContain("_No vulnerabilities were found in any round._");
    expect(empty).toContain("_No example transcripts were captured._");
    expect(empty).toContain("_No red-team attempts were recorded._");
    expect(empty).not.toContain("```");
  });
});
