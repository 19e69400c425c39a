import { writeFileSync } from "node:fs";
import path from "node:path";
import type { BadInput } from "./bad-input.js";

/** A case whose file is written as given and read by `argv(file)`; the line must name `names`. */
function fileCase(
  kind: string,
  name: string,
  content: string | Buffer,
  argv: (file: string) => string[],
  names = name,
): BadInput {
  return {
    name: `${kind}/${name}`,
    setup(dir) {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      return { argv: argv(file), names };
    },
  };
}

const calibrate = (file: string) => ["judge", "calibrate", "--judge", "refusal:strmatch", "--labels", file];
const jsonl = (...rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join("\n");
const BINARY = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256));

export const LABEL_CASES: BadInput[] = [
  fileCase("labels", "binary.jsonl", BINARY, calibrate),
  fileCase("labels", "nul.csv", "response,label\nhi\u0000,full_refusal\n", calibrate),
  fileCase(
    "labels",
    "latin1.csv",
    Buffer.from("response,label\ncaf\xe9,full_refusal\n", "latin1"),
    calibrate,
  ),
  fileCase("labels", "empty.csv", "", calibrate),
  fileCase(
    "labels",
    "bad-json.jsonl",
    '{"response": "a", "label": "full_refusal"}\n{"response": ',
    calibrate,
  ),
  fileCase("labels", "no-label.jsonl", jsonl({ response: "a" }), calibrate),
  fileCase("labels", "unknown-label.jsonl", jsonl({ response: "a", label: "maybe" }), calibrate),
  fileCase("labels", "label-number.jsonl", jsonl({ response: "a", label: 7 }), calibrate),
  fileCase("labels", "array-line.jsonl", "[1,2,3]\n", calibrate),
  fileCase("labels", "csv-no-columns.csv", "a,b\n1,2\n", calibrate),
  fileCase("labels", "csv-open-quote.csv", 'response,label\n"unterminated,full_refusal\n', calibrate),
  fileCase(
    "labels",
    "escape-label.jsonl",
    jsonl({ response: "a", label: "\u001b]0;PWNED\u0007" }),
    calibrate,
  ),
];

const validate = (file: string) => ["--config", file, "config", "validate"];
export const CONFIG_CASES: BadInput[] = [
  fileCase(
    "config",
    "default-unknown-provider.yaml",
    "models:\n  default: nope:foo\n",
    validate,
    "models.default",
  ),
  fileCase(
    "config",
    "alias-unknown-provider.yaml",
    "models:\n  aliases:\n    fast: nope:foo\n",
    validate,
    "models.aliases.fast",
  ),
  fileCase("config", "binary.yaml", BINARY, validate, "binary.yaml"),
  fileCase("config", "providers-list.yaml", "providers:\n  - openai\n", validate, "providers"),
  fileCase(
    "config",
    "concurrency-zero.yaml",
    "providers:\n  openai:\n    concurrency: 0\n",
    validate,
    "concurrency",
  ),
  fileCase(
    "config",
    "timeout-text.yaml",
    "providers:\n  openai:\n    timeoutMs: soon\n",
    validate,
    "timeoutMs",
  ),
  fileCase("config", "cache-text.yaml", "cache: sometimes\n", validate, "cache"),
  fileCase("config", "db-number.yaml", "db: 5\n", validate, "db"),
  fileCase("config", "unknown-top-key.yaml", "modles:\n  default: openai:gpt-4o-mini\n", validate, "modles"),
  fileCase("config", "escape-in-key.yaml", "\u001b]0;PWNED\u0007: 1\n", validate, "escape-in-key.yaml"),
];

const cycleRun = (file: string) => ["cycle", "run", file];
export const CYCLE_CASES: BadInput[] = [
  fileCase("cycle", "a-list.yaml", "- model: engine:base\n", cycleRun, "mapping"),
  fileCase("cycle", "unknown-key.yaml", "modle: engine:base\n", cycleRun, "modle"),
  fileCase("cycle", "rounds-zero.yaml", "rounds: 0\n", cycleRun, "rounds"),
  fileCase("cycle", "rounds-text.yaml", "rounds: two\n", cycleRun, "rounds"),
  fileCase("cycle", "seed-negative.yaml", "seed: -1\n", cycleRun, "seed"),
  fileCase("cycle", "unknown-provider.yaml", "model: nosuch:model\n", cycleRun, "nosuch"),
  fileCase("cycle", "missing-checkpoint.yaml", "model: engine:./missing\n", cycleRun, "missing"),
  fileCase("cycle", "unknown-suite.yaml", "bench:\n  suites: [nosuch]\n", cycleRun, "bench.suites.0"),
  fileCase(
    "cycle",
    "unknown-persona.yaml",
    "redteam:\n  inDistribution: nosuch\n",
    cycleRun,
    "redteam.inDistribution",
  ),
  fileCase(
    "cycle",
    "unknown-strategy.yaml",
    "redteam:\n  heldOut:\n    id: x\n    description: x\n    steps: [{ strategy: nosuch }]\n",
    cycleRun,
    "strategy",
  ),
  fileCase("cycle", "unknown-judge.yaml", "redteam:\n  judge: nosuch:judge\n", cycleRun, "redteam.judge"),
  fileCase(
    "cycle",
    "judge-for-absent-suite.yaml",
    "bench:\n  suites: [capability]\n  judges: { xstest: refusal:strmatch }\n",
    cycleRun,
    "bench.judges.xstest",
  ),
  fileCase("cycle", "yaml-syntax.yaml", "model: [engine:base\n", cycleRun, "yaml-syntax.yaml"),
  fileCase("cycle", "binary.yaml", BINARY, cycleRun, "binary.yaml"),
  fileCase("cycle", "too-large.yaml", `# ${"x".repeat(140_000)}\nrounds: 1\n`, cycleRun, "larger than"),
  fileCase("cycle", "held-out-share-one.yaml", "redteam:\n  heldOutShare: 1\n", cycleRun, "heldOutShare"),
];

const convert = (file: string) => ["train", "convert", file, "--to", "hh"];
export const TRAINING_DATA_CASES: BadInput[] = [
  fileCase("training", "empty.jsonl", "", convert),
  fileCase("training", "binary.jsonl", BINARY, convert),
  fileCase("training", "bad-json.jsonl", '{"messages": [\n', convert),
  fileCase("training", "messages-number.jsonl", jsonl({ messages: 3 }), convert),
  fileCase(
    "training",
    "unknown-role.jsonl",
    jsonl({ messages: [{ role: "wizard", content: "x" }] }),
    convert,
  ),
  fileCase("training", "content-number.jsonl", jsonl({ messages: [{ role: "user", content: 5 }] }), convert),
  fileCase("training", "chosen-without-rejected.jsonl", jsonl({ prompt: "p", chosen: "c" }), convert),
  fileCase("training", "array-line.jsonl", "[1, 2]\n", convert),
];

const capability = (file: string) => [
  "bench",
  "run",
  "capability",
  "--model",
  "mock:refuse",
  "--capability-file",
  file,
];
export const CAPABILITY_CASES: BadInput[] = [
  fileCase("capability", "empty.jsonl", "", capability),
  fileCase("capability", "bad-json.jsonl", '{"prompt": ', capability),
  fileCase("capability", "no-prompt.jsonl", jsonl({ expected: "4" }), capability),
  fileCase("capability", "binary.jsonl", BINARY, capability),
  fileCase("capability", "prompt-number.jsonl", jsonl({ prompt: 4, expected: "4" }), capability),
];

const persona = (file: string) => ["redteam", "run", "--persona", file, "--model", "mock:refuse"];
export const PERSONA_CASES: BadInput[] = [
  fileCase("persona", "no-steps.yaml", "id: p\ndescription: d\n", persona),
  fileCase(
    "persona",
    "unknown-strategy.yaml",
    "id: p\ndescription: d\nsteps: [{ strategy: nosuch, budget: 1 }]\n",
    persona,
  ),
  fileCase("persona", "a-list.yaml", "- strategy: direct\n", persona),
  fileCase("persona", "yaml-syntax.yaml", "id: [p\n", persona),
  fileCase("persona", "binary.yaml", BINARY, persona),
  fileCase(
    "persona",
    "budget-negative.yaml",
    "id: p\ndescription: d\nsteps: [{ strategy: direct, budget: -1 }]\n",
    persona,
  ),
];
