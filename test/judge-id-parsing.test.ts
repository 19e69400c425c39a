import path from "node:path";
import { describe, expect, it } from "vitest";
import { strayLines, strayLinesInSrc } from "./helpers/stray-lines.js";

/**
 * Judge ids are parsed by one parser (`parseJudgeSpec` in src/judges/judge-spec.ts) where they enter; code
 * downstream reads the parsed spec. This fails when judge-id parsing (a regex or a string test on a judge
 * id's parts) appears anywhere else in src/.
 */
const PARSER = path.join("src", "judges", "judge-spec.ts");
const FAMILY = "(?:llm|refusal|harm|groundedness|coherence|exact-match)";
const STRAY: readonly RegExp[] = [
  // A regex literal on a judge id's head: /^llm:/, /^(llm:)?refusal/, /llm:[a-z-]+:(.+)/.
  new RegExp(String.raw`/\^?\(?${FAMILY}:`),
  // The composite rules as regex alternatives: /(majority|any|unanimous|cascade)\(/.
  /majority\|any|any\|unanimous|unanimous\|cascade/,
  // String tests and surgery on a judge id's parts: id.startsWith("llm:refusal:"), id.replace(/:learned$/, "").
  new RegExp(String.raw`\.(?:startsWith|endsWith|split|replace|match|matchAll)\(\s*["'\`/]\^?${FAMILY}:`),
  /:learned\$\//,
];
/** Lines that match a pattern without parsing a judge id, each with why. */
const ALLOWED: readonly string[] = [
  // The bench's user simulator is named `llm:<model>`: a simulator id, not a judge's.
  'prior?.simulator.startsWith("llm:")',
];

const strayJudgeIdParsing = (file: string, text: string) => strayLines(file, text, STRAY, ALLOWED);

describe("judge ids are parsed in one place", () => {
  it("no judge-id parsing outside the parser", () => {
    const found = strayLinesInSrc(PARSER, STRAY, ALLOWED);
    expect(found, "parse judge ids with parseJudgeSpec and read the spec").toEqual([]);
  });

  it("the check catches the forms judge ids were parsed with", () => {
    for (const line of [
      "const m = /^llm:([a-z-]+):(.+)$/.exec(id);",
      "if (/^(llm:)?refusal/.test(judgeId)) return 'refusal';",
      "const m = /^(majority|any|unanimous|cascade)\\((.+)\\)$/.exec(id.trim());",
      'if (id.startsWith("llm:harm-severity:")) return "severity";',
      'if (id.startsWith("groundedness:") || id.startsWith("refusal:")) return x;',
      'const t = JUDGE_TRAINERS[id.replace(/:learned$/, "")];',
      "const LLM_JUDGE_MODEL = /llm:[a-z-]+:([^,()>]+)/g;",
    ])
      expect(strayJudgeIdParsing("x.ts", line), line).toHaveLength(1);
    expect(strayJudgeIdParsing(PARSER, 'const note = "use llm:refusal:<model>";')).toEqual([]);
  });
});
