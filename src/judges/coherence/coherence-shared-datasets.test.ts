import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { jbbArtifactsDataset, xstestCompletionsDataset } from "../../datasets/index.js";
import { coherenceOf } from "./coherence-features.js";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..", "..", "shared", "datasets");
const present = existsSync(ROOT);
if (!present) console.warn(`skipping coherence checks on real models' replies: ${ROOT} is absent`);

describe.skipIf(!present)(`coherence on real models' replies (${ROOT})`, () => {
  it("flags at most 3% of XSTest completions and JailbreakBench responses as degenerate", async () => {
    const xstest = (await xstestCompletionsDataset.load({ root: ROOT })).records.map((r) => r.completion);
    const jbb = (await jbbArtifactsDataset.load({ root: ROOT })).records.flatMap((r) =>
      r.response === null ? [] : [r.response],
    );
    const replies = [...xstest, ...jbb];
    expect(replies.length).toBeGreaterThan(2500);
    const flagged = replies.filter((t) => coherenceOf(t).degenerate).length;
    expect(flagged / replies.length).toBeLessThanOrEqual(0.03);
  });
});
