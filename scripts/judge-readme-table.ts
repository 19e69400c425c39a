/**
 * Puts the per-group table of a finished `judge crossval harm` run into the README, between the
 * `<!-- harm-crossval:start -->` and `<!-- harm-crossval:end -->` markers, so the figures there always come
 * from a run and are never typed by hand:
 *
 *   npx tsx src/cli/main.ts --json judge crossval harm > /tmp/harm-crossval.json
 *   npx tsx scripts/judge-readme-table.ts /tmp/harm-crossval.json
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { HarmCrossvalResult } from "../src/judges/harm/harm-crossval.js";
import { formatHarmCrossval } from "../src/judges/harm/harm-crossval-format.js";

const START = "<!-- harm-crossval:start -->";
const END = "<!-- harm-crossval:end -->";

const [runFile, readmeArg] = process.argv.slice(2);
if (!runFile) {
  console.error("usage: npx tsx scripts/judge-readme-table.ts RUN.json [README.md]");
  process.exit(2);
}
const run = JSON.parse(readFileSync(runFile, "utf8")) as {
  methodAndGoal?: HarmCrossvalResult;
  goal?: HarmCrossvalResult;
};
const { methodAndGoal, goal } = run;
if (!methodAndGoal?.groups?.length || !goal?.groups?.length) {
  console.error(
    `${runFile}: not the --json output of \`judge crossval harm\` (no groups); rerun it with --json`,
  );
  process.exit(2);
}
const readmePath = readmeArg ?? path.resolve(import.meta.dirname, "../README.md");
const readme = readFileSync(readmePath, "utf8");
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < start) {
  console.error(`${readmePath}: markers ${START} … ${END} not found; add them where the table belongs`);
  process.exit(2);
}
const table = [
  "Attack method and goal held out: the figure for a reply from an attack the judge never saw.",
  "",
  formatHarmCrossval(methodAndGoal),
  "",
  "Goal held out only (every attack method trains, as in the shipped model): the figure for new goals.",
  "",
  formatHarmCrossval(goal),
].join("\n");
writeFileSync(readmePath, `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`);
console.log(`wrote the harm crossval tables into ${readmePath}`);
