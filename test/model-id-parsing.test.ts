import path from "node:path";
import { describe, expect, it } from "vitest";
import { strayLines, strayLinesInSrc } from "./helpers/stray-lines.js";

/**
 * Model ids are parsed by one parser (`parseModelRef` in src/models/model-ref.ts) where they enter; code
 * downstream reads the ref's kind, provider and name. This fails when model-id parsing (a string test or
 * surgery on an id's provider) appears anywhere else in src/.
 */
const PARSER = path.join("src", "models", "model-ref.ts");
const KIND = "(?:engine|gguf|served|mock|openai)";
const STRAY: readonly RegExp[] = [
  // String tests and surgery on an id's provider: id.startsWith("engine:"), id.slice("engine:".length).
  new RegExp(
    String.raw`\.(?:startsWith|endsWith|includes|indexOf|split|replace|match)\(\s*["'\`]\^?${KIND}:`,
  ),
  new RegExp(String.raw`["'\`]${KIND}:["'\`]\.length`),
  // The same on a provider held in a variable: id.startsWith(`${provider}:`).
  /\.(?:startsWith|slice)\(\s*`\$\{\w+\}:`/,
  // A regex literal on an id's head: /^engine:/, /^(engine|mock):/.
  new RegExp(String.raw`/\^\(?${KIND}[|:)]`),
  // A prefix constant to test ids with: const SERVED_PREFIX = "served:".
  new RegExp(String.raw`PREFIX\s*=\s*["'\`]${KIND}:`),
  // The provider cut off by hand: id.slice(0, id.indexOf(":")).
  /\.slice\(0,\s*\w+\.indexOf\(":"\)\)/,
];

const strayModelIdParsing = (file: string, text: string) => strayLines(file, text, STRAY);

describe("model ids are parsed in one place", () => {
  it("no model-id parsing outside the parser", () => {
    const found = strayLinesInSrc(PARSER, STRAY);
    expect(found, "parse model ids with parseModelRef and read the ref").toEqual([]);
  });

  it("the check catches the forms model ids were parsed with", () => {
    for (const line of [
      'if (!modelId.startsWith("engine:")) {',
      'return resolveCheckpointDir(modelId.slice("engine:".length), checkpointsDir, cwd);',
      'const engineDir = r.model.startsWith("engine:") ? resolveEngineCheckpoint(r.model, cwd) : undefined;',
      'const folderOf = (id: string) => (id.startsWith("engine:") ? id.slice("engine:".length) : id);',
      'export const SERVED_PREFIX = "served:";',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a line of the old code, quoted
      "const model = r.model.startsWith(`${provider}:`) ? r.model.slice(provider.length + 1) : r.model;",
      'if (helpfulness === "builtin" && !/^(engine|mock):/.test(config.model)) {',
      'if (!options.probe || LOCAL_PROVIDERS.has(id.slice(0, id.indexOf(":")))) continue;',
      'const provider = MODEL_ID.test(id) ? id.slice(0, id.indexOf(":")) : undefined;',
    ])
      expect(strayModelIdParsing("x.ts", line), line).toHaveLength(1);
    expect(strayModelIdParsing("x.ts", 'const m = await ctx.model(id ?? "engine:base");')).toEqual([]);
  });
});
