import { describe, expect, it } from "vitest";
import { stableStringify } from "../core/index.js";
import { modelIdRelativeTo, parseModelRef } from "./model-ref.js";

describe("parseModelRef", () => {
  it("tells apart the kinds the code distinguishes, splitting at the first colon", () => {
    expect(parseModelRef("engine:base")).toMatchObject({ kind: "engine", provider: "engine", name: "base" });
    expect(parseModelRef("gguf:/a/b:c.gguf")).toMatchObject({ kind: "gguf", name: "/a/b:c.gguf" });
    expect(parseModelRef("mock:refuse")).toMatchObject({ kind: "mock", name: "refuse" });
    expect(parseModelRef("ollama:llama3.1:8b")).toMatchObject({ kind: "provider", provider: "ollama" });
    expect(parseModelRef("./hf/llama")).toMatchObject({ kind: "folder", path: "./hf/llama" });
    const served = parseModelRef("served:engine:/ck/r1");
    expect(served).toMatchObject({ kind: "served", provider: "served", name: "engine:/ck/r1" });
    expect(served.kind === "served" && served.trained).toMatchObject({ kind: "engine", name: "/ck/r1" });
  });

  it("resolves an alias one level, and serialises as written so stored configs and hashes keep the id", () => {
    const aliases = { small: "engine:base", loop: "small" };
    const ref = parseModelRef("small", aliases);
    expect(ref).toMatchObject({ kind: "engine", id: "engine:base", written: "small" });
    expect(JSON.stringify({ model: ref })).toBe('{"model":"small"}');
    expect(stableStringify({ model: ref })).toBe(stableStringify({ model: "small" }));
    expect(`${ref}`).toBe("small");
    expect(parseModelRef("loop", aliases)).toMatchObject({ kind: "folder", path: "small" });
  });

  it("refuses an id with an empty provider or name", () => {
    expect(() => parseModelRef("openai:")).toThrow(/not of the form provider:model/);
    expect(() => parseModelRef(":x")).toThrow(/not of the form provider:model/);
  });
});

describe("modelIdRelativeTo", () => {
  it("makes local paths absolute against a folder and leaves names, API ids and absolute paths alone", () => {
    expect(modelIdRelativeTo("engine:../ck", "/x/y")).toBe("engine:/x/ck");
    expect(modelIdRelativeTo("gguf:m.gguf", "/x")).toBe("gguf:/x/m.gguf");
    expect(modelIdRelativeTo("engine:base", "/x")).toBe("engine:base");
    expect(modelIdRelativeTo("openai:gpt-4o-mini", "/x")).toBe("openai:gpt-4o-mini");
    expect(modelIdRelativeTo("engine:/abs/ck", "/x")).toBe("engine:/abs/ck");
    expect(modelIdRelativeTo("my-alias", "/x")).toBe("my-alias");
    expect(modelIdRelativeTo("openai:", "/x")).toBe("openai:");
  });
});
