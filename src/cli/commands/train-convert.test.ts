import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCliCaptured } from "../../../test/helpers/run-cli.js";

const jsonl = (rows: unknown[]) => `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`;

describe("breakfix train convert: input-only formats", () => {
  it("pairs KTO rows, names the rows left out on stderr and counts them in --json", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "convert-"));
    writeFileSync(
      path.join(dir, "kto.jsonl"),
      jsonl([
        { prompt: "sky?", completion: "Blue.", label: true },
        { prompt: "sky?", completion: "Green.", label: false },
        { prompt: "grass?", completion: "Green.", label: true },
      ]),
    );
    const r = await runCliCaptured(
      ["--json", "train", "convert", "kto.jsonl", "--to", "hh", "--out", "o.jsonl"],
      {
        cwd: dir,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      "1 KTO row left out: their prompt has no completion of the other label (lines 3)",
    );
    expect(JSON.parse(r.stdout)).toMatchObject({ from: "kto", to: "hh", rows: 1, unpairedRows: 1 });
    expect(JSON.parse(readFileSync(path.join(dir, "o.jsonl"), "utf8"))).toEqual({
      chosen: "\n\nHuman: sky?\n\nAssistant: Blue.",
      rejected: "\n\nHuman: sky?\n\nAssistant: Green.",
    });
  });

  it("writes HH with the system message folded into the first Human turn", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "convert-"));
    const system = { role: "system", content: "Be safe." };
    writeFileSync(
      path.join(dir, "trl.jsonl"),
      jsonl([
        {
          prompt: [system, { role: "user", content: "hi" }],
          chosen: [{ role: "assistant", content: "hello" }],
          rejected: [{ role: "assistant", content: "go away" }],
        },
      ]),
    );
    const r = await runCliCaptured(["train", "convert", "trl.jsonl", "--to", "hh"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).chosen).toBe("\n\nHuman: Be safe.\n\nhi\n\nAssistant: hello");
  });
});
