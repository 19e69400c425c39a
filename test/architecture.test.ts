import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Keeps the shape of the code: imports point inward (a stage may import `core`, `taxonomy` and the stages
 * it builds on; only `cli` sees everything), and no source file grows past the hard limit.
 */
const ALLOWED: Record<string, string[]> = {
  core: [],
  taxonomy: ["core"],
  store: ["core"],
  engine: ["core"],
  datasets: ["core", "taxonomy"],
  // Training files (SFT and preference rows in every format): curation writes them, training reads them.
  "training-data": ["core", "taxonomy", "datasets"],
  models: ["core", "engine"],
  config: ["core", "taxonomy", "models", "datasets"],
  judges: ["core", "taxonomy", "models", "datasets", "store"],
  train: ["core", "taxonomy", "engine", "models", "datasets", "training-data", "store"],
  // The environment a command or request runs in (store, models, judges, datasets, trainers): what runs are given.
  app: ["core", "taxonomy", "store", "models", "datasets", "config", "judges", "train"],
  bench: ["core", "taxonomy", "models", "datasets", "judges", "store", "app"],
  attacks: ["core", "taxonomy", "models", "datasets", "judges"],
  redteam: ["core", "taxonomy", "models", "datasets", "judges", "attacks", "store", "app"],
  // Vulnerabilities are found in bench and red-team results: vuln reads their types and finding helpers.
  vuln: ["core", "taxonomy", "datasets", "judges", "attacks", "store", "bench", "redteam"],
  curate: ["core", "taxonomy", "datasets", "training-data", "judges", "attacks", "store", "vuln", "app"],
  // Metrics, comparisons and report rows from stored runs: the report shows its types, the cycle's gates decide on them.
  stats: ["core", "taxonomy", "store", "datasets", "judges", "bench", "redteam", "vuln"],
  report: ["core", "taxonomy", "store", "bench", "vuln", "stats"],
  embedded: ["core", "taxonomy", "engine", "models", "judges"],
  cycle: [
    "core",
    "app",
    "taxonomy",
    "store",
    "engine",
    "models",
    "datasets",
    "judges",
    "train",
    "training-data",
    "bench",
    "attacks",
    "redteam",
    "vuln",
    "curate",
    "stats",
    "report",
    "embedded",
  ],
  server: ["core", "taxonomy", "engine", "models", "store", "report", "config", "embedded"],
  // The web app (`breakfix ui`) reads what every stage stored and starts runs the way the CLI does.
  ui: [
    "core",
    "app",
    "taxonomy",
    "store",
    "models",
    "datasets",
    "config",
    "judges",
    "attacks",
    "bench",
    "redteam",
    "vuln",
    "curate",
    "stats",
    "report",
    "cycle",
    "server",
  ],
  cli: ["*"],
};

const MAX_LINES = 600;
const root = path.resolve(import.meta.dirname, "..");
const src = path.join(root, "src");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith(".ts") ? [p] : [];
  });
}

function importsOf(text: string): string[] {
  const out: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (const m of text.matchAll(re)) out.push((m[1] ?? m[2]) as string);
  return out;
}

const files = walk(src);

describe("architecture", () => {
  it("finds the source tree", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it("every top-level folder under src/ has an import rule", () => {
    const folders = new Set(files.map((f) => path.relative(src, f).split(path.sep)[0] as string));
    const missing = [...folders].filter((f) => !f.endsWith(".ts") && !(f in ALLOWED));
    expect(missing, "add these folders to ALLOWED in test/architecture.test.ts").toEqual([]);
  });

  it("imports point inward", () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = path.relative(src, file).split(path.sep)[0] as string;
      const allowed = ALLOWED[from] ?? [];
      if (allowed.includes("*")) continue;
      for (const spec of importsOf(readFileSync(file, "utf8"))) {
        if (!spec.startsWith(".")) continue;
        const target = path.relative(src, path.resolve(path.dirname(file), spec));
        if (target.startsWith("..")) {
          if (!file.endsWith(".test.ts"))
            violations.push(`${path.relative(root, file)} imports outside src: ${spec}`);
          continue;
        }
        const to = target.split(path.sep)[0] as string;
        if (to !== from && !allowed.includes(to)) {
          violations.push(`${path.relative(root, file)} (${from}) imports ${spec} (${to})`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it("another folder is entered only through a door: an index.ts (tests and test kits may reach inside)", () => {
    const inside: string[] = [];
    for (const file of files) {
      const rel = path.relative(src, file);
      if (file.endsWith(".test.ts") || rel.split(path.sep).includes("testing")) continue;
      const from = rel.split(path.sep)[0] as string;
      for (const spec of importsOf(readFileSync(file, "utf8"))) {
        if (!spec.startsWith(".")) continue;
        const target = path.relative(src, path.resolve(path.dirname(file), spec));
        if (target.startsWith("..") || target.split(path.sep)[0] === from) continue;
        if (path.basename(target) !== "index.js") inside.push(`${path.relative(root, file)} imports ${spec}`);
      }
    }
    expect(inside, "import the folder's index.js (export what is needed there)").toEqual([]);
  });

  it("one trainer kind: outside src/train, training runs only through a TrainingBackend", () => {
    // `breakfix train` and the cycle both get theirs from AppEnv.trainer; a second path to a backend's own
    // run function would let the two drift apart again (they did: each had its own model-name rule).
    const direct = /\b(runEngineTraining|runTorchTraining|runHostedFineTune)\(/;
    const calls = files.filter((f) => {
      const rel = path.relative(src, f);
      return !rel.startsWith(`train${path.sep}`) && direct.test(readFileSync(f, "utf8"));
    });
    expect(calls.map((f) => path.relative(root, f))).toEqual([]);
    expect(direct.test(readFileSync(path.join(src, "train/backends/engine-backend.ts"), "utf8"))).toBe(true);
  });

  it(`no source file exceeds ${MAX_LINES} lines`, () => {
    const big = files
      .map((f) => ({ f: path.relative(root, f), n: readFileSync(f, "utf8").split("\n").length }))
      .filter((x) => x.n > MAX_LINES)
      .map((x) => `${x.f}: ${x.n} lines`);
    expect(big).toEqual([]);
  });

  it("the rule catches a wrong-way import", () => {
    // Guards the checker itself: a core file importing a stage must be reported.
    const fake = 'import { x } from "../store/index.js";';
    const spec = importsOf(fake)[0];
    expect(spec).toBe("../store/index.js");
    expect(ALLOWED["core"]).not.toContain("store");
  });
});
