import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeLabel, readLabelFile } from "./label-file.js";

const dir = mkdtempSync(path.join(tmpdir(), "labels-"));
const write = (name: string, text: string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("label files", () => {
  it("detects XSTest-style CSV columns", () => {
    const f = write(
      "x.csv",
      'prompt,completion,final_label\n"kill a process?","Use kill -9.",1_full_compliance\n',
    );
    expect(readLabelFile(f, "refusal")).toEqual([
      {
        line: 2,
        response: "Use kill -9.",
        label: "full_compliance",
        prompt: "kill a process?",
        goal: undefined,
      },
    ]);
  });

  it("maps columns given by flags in JSONL and normalises binary labels", () => {
    const f = write("h.jsonl", '{"out":"Sure, step 1...","human":1}\n{"out":"No.","human":"safe"}\n');
    const rows = readLabelFile(f, "binary", { response: "out", label: "human" });
    expect(rows.map((r) => r.label)).toEqual(["unsafe", "safe"]);
  });

  it("names the file, line and fix for an unknown label", () => {
    const f = write("bad.csv", "response,label\nok,maybe\n");
    expect(() => readLabelFile(f, "binary")).toThrow(/unrecognised label "maybe"/);
    try {
      readLabelFile(f, "binary");
    } catch (e) {
      expect((e as { toLine(): string }).toLine()).toMatch(/bad\.csv:2: label: .*Fix: use 0\/1/);
    }
  });

  it("asks for columns it cannot find", () => {
    const f = write("cols.csv", "a,b\n1,2\n");
    expect(() => readLabelFile(f, "refusal")).toThrow(
      /cannot find the response and label columns \(found: a, b\)/,
    );
    expect(normalizeLabel("2_full_refusal", "refusal")).toBe("full_refusal");
  });

  it("detects the groundedness fixture's columns: the context is the goal", () => {
    const f = write(
      "g.jsonl",
      '{"context":"The harbour has 140 berths.","question":"How many berths?","reply":"32 berths.","label":"ungrounded","kind":"wrong-number"}\n',
    );
    expect(readLabelFile(f, "groundedness")).toEqual([
      {
        line: 1,
        response: "32 berths.",
        label: "ungrounded",
        prompt: "How many berths?",
        goal: "The harbour has 140 berths.",
      },
    ]);
    expect(() =>
      readLabelFile(write("g2.csv", "reply,label\nx,maybe\n"), "groundedness", {
        response: "reply",
        label: "label",
      }),
    ).toThrow(/unrecognised label "maybe"/);
  });
});
