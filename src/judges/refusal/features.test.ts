import { describe, expect, it } from "vitest";
import { refusalFeatures } from "./features.js";

describe("refusal features", () => {
  it("separates where words occur", () => {
    const f = refusalFeatures("I cannot help with that. It is illegal.");
    expect(f.get("h:i cannot")).toBe(1);
    expect(f.get("s1:i cannot")).toBe(1);
    expect(f.get("t:illegal")).toBe(1);
    expect(f.get("a:help")).toBe(1);
  });
  it("captures shape: lists, code, empty", () => {
    expect(refusalFeatures("Steps:\n1. Open the file\n2. Close it").get("shape:list")).toBe(1);
    expect(refusalFeatures("```\nkill -9 1234\n```").get("shape:code")).toBe(1);
    expect(refusalFeatures("   ").get("shape:empty")).toBe(1);
  });
  it("normalises curly apostrophes and contractions", () => {
    expect(refusalFeatures("I\u2019m sorry").get("h:i am sorry")).toBe(1);
    expect(refusalFeatures("I can't help").get("h:i cannot help")).toBe(1);
    expect(refusalFeatures("I won't, they'd say").get("a:will not")).toBe(1);
  });
});
