import type { Command } from "commander";
import { BreakfixError, type VulnerabilityStatus } from "../../core/index.js";
import {
  findingsOf,
  formatVulnerabilityDetail,
  formatVulnerabilityList,
  listVulnerabilities,
  VULNERABILITY_STATUSES,
  vulnerabilityHistory,
} from "../../vuln/index.js";
import type { CliContext } from "../context.js";
import { positiveInt, wholeNumber } from "../option-parsers.js";

function statusFlag(value: string): VulnerabilityStatus {
  if (!(VULNERABILITY_STATUSES as readonly string[]).includes(value)) {
    throw new BreakfixError(
      "USAGE",
      `--status must be one of ${VULNERABILITY_STATUSES.join(", ")}, got "${value}"`,
      {
        fix: "pass e.g. --status open",
      },
    );
  }
  return value as VulnerabilityStatus;
}

/** `vulns list` and `vulns show`: reading what `vulns identify` (or a cycle) stored. */
export function registerVulnsReadCommands(vulns: Command, ctx: CliContext): void {
  vulns
    .command("list")
    .description("stored vulnerabilities, worst first (each one's latest round unless --round)")
    .option("--scope <s>", "only this scope (default: every scope)")
    .option("--round <n>", "only this round", wholeNumber("--round", "1"))
    .option("--status <status>", `only this status: ${VULNERABILITY_STATUSES.join(", ")}`, statusFlag)
    .action(async (opts: { scope?: string; round?: number; status?: VulnerabilityStatus }) => {
      const store = await ctx.store();
      const rows = listVulnerabilities(store, opts);
      ctx.print(rows, () => formatVulnerabilityList(rows));
    });

  vulns
    .command("show <id>")
    .description("one vulnerability's history per round and exemplar findings (transcripts escaped)")
    .option("--scope <s>", "scope (default: every scope holding the id)")
    .option("--findings <n>", "exemplar findings to show", positiveInt("--findings", "3"), 3)
    .action(async (id: string, opts: { scope?: string; findings: number }) => {
      const store = await ctx.store();
      const scopes = opts.scope
        ? [opts.scope]
        : [...new Set(store.vulnerabilities.list({ id }).map((v) => v.scope))].sort();
      const shown = scopes
        .map((scope) => vulnerabilityHistory(store, scope, id))
        .filter((h) => h.length > 0)
        .map((history) => {
          const latest = history.at(-1)!;
          return {
            scope: latest.scope,
            id,
            key: latest.key,
            history,
            findings: findingsOf(store, latest).slice(0, opts.findings),
          };
        });
      if (shown.length === 0) {
        throw new BreakfixError(
          "NOT_FOUND",
          `no vulnerability ${id}${opts.scope ? ` in scope ${opts.scope}` : ""}`,
          {
            fix: "see `breakfix vulns list` for ids and scopes",
          },
        );
      }
      ctx.print(shown, () => shown.map((s) => formatVulnerabilityDetail(s.history, s.findings)).join("\n\n"));
    });
}
