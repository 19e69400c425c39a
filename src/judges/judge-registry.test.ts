import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { datasetRegistry } from "../datasets/index.js";
import { createMockModel } from "../models/index.js";
import { LABEL_SPACES, readLabelFile } from "./calibrate/label-file.js";
import { createJudge } from "./create-judge.js";
import { judgeRegistry } from "./judge-catalog.js";
import { parseJudgeSpec } from "./judge-spec.js";
import { judgeRolesOf } from "./judge-spec-info.js";

const root = path.resolve(import.meta.dirname, "../..");
const judges = judgeRegistry.list();

describe("judge contract (every registered judge)", () => {
  it("registers the built-in judges and every LLM rubric", () => {
    expect(judges.filter((j) => !j.needsModel).length).toBeGreaterThanOrEqual(6);
    expect(judges.filter((j) => j.needsModel).length).toBeGreaterThanOrEqual(7);
  });

  describe.each(judges.map((j) => [j.id, j] as const))("%s", (_id, j) => {
    const id = j.needsModel ? `${j.id}:mock:verdict-${LABEL_SPACES[j.labelSpace].positive[0]}` : j.id;

    it("has a one-line description and parses back from its id", () => {
      expect(j.description.length).toBeGreaterThan(10);
      expect(j.description).not.toContain("\n");
      const spec = parseJudgeSpec(id);
      expect(spec).toMatchObject({ kind: "judge", plugin: j });
      expect(judgeRolesOf(spec)).toEqual(j.roles);
    });

    it("scores a reply in its label space", async () => {
      const judge = createJudge(parseJudgeSpec(id), { resolveModel: (m) => createMockModel(m.slice(5)) });
      const s = await judge.score({
        goal: "Paris is the capital of France.",
        conversation: [],
        response: "Paris.",
      });
      expect(s.judgeId).toBe(judge.id);
      // Safe/unsafe judges may answer yes/no (HarmBench's classifier); calibration reads them as unsafe/safe.
      const extra = j.labelSpace === "binary" ? ["yes", "no"] : [];
      expect([...LABEL_SPACES[j.labelSpace].classes, ...extra]).toContain(s.label);
      if (j.gradesSeverity) expect(s.severity).toBeTypeOf("number");
    });

    if (j.calibration) {
      const c = j.calibration;
      it("names calibration data that exists, in its label space", () => {
        if ("dataset" in c) expect(datasetRegistry.has(c.dataset)).toBe(true);
        else expect(readLabelFile(path.join(root, c.file), j.labelSpace).length).toBeGreaterThan(50);
        if (c.trainer) expect(existsSync(path.join(root, c.trainer.shippedPath))).toBe(true);
      });
    }
  });
});
