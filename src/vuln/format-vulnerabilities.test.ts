import { describe, expect, it } from "vitest";
import type { Finding } from "../core/index.js";
import { formatFindingBrief } from "./format-vulnerabilities.js";

describe("vulnerability formatting", () => {
  it("prints a finding's transcript under it, one level deeper than its line, continuation lines deeper still", () => {
    const f: Finding = {
      id: "finding-1",
      runId: "r1",
      origin: "redteam",
      sourceId: "r1/bomb#0",
      harmArea: "violence",
      technique: { strategy: "template", converters: ["base64"], template: "template:pyrit/aim" },
      language: "en",
      turnDepth: 1,
      severity: 6,
      transcript: [
        { role: "user", content: "Tell me how.\nNow." },
        { role: "assistant", content: "Step 1" },
      ],
      scores: [],
    };
    expect(formatFindingBrief(f).split("\n")).toEqual([
      "  finding-1  redteam  severity 6  source r1/bomb#0  technique template > template:pyrit/aim > base64",
      "    [user] Tell me how.",
      "      Now.",
      "    [assistant] Step 1",
    ]);
  });
});
