import type { Command } from "commander";
import { BreakfixError, type VulnerabilityStatus } from "../../core/index.js";
import {
  DEFAULT_SIMILARITY,
  findingsOf,
  formatVulnerabilityDetail,
  formatVulnerabilityList,
  identifyVulnerabilities,
  listVulnerabilities,
  VULNERABILITY_STATUSES,
  vulnerabilityHistory,
} from "../../vuln/index.js";
import type { CliContext } from "../context.js";
import { commaList, numberFlag, positiveInt, wholeNumber } from "../option-parsers.js";

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

const similarityFlag = numberFlag("--similarity", (n) => n > 0 && n <= 1, "a number in (0, 1]", "0.6");

interface IdentifyFlags {
  scope: string;
  round: number;
  campaign?: string[];
  bench?: string[];
  similarity?: number;
  manual: boolean;
}

export function registerVulnsCommands(program: Command, ctx: CliContext): void {
  const vulns = program
    .command("vulns")
    .description(
      "Vulnerabilities: red-team successes and bench defects grouped by harm area × technique × language × turn depth, ranked, with status across rounds",
    );

  vulns
    .command("identify")
    .description(
      "group this round's breaks into vulnerabilities, rank them and track status against earlier rounds",
    )
    .option("--scope <s>", "status history scope: a cycle id (default: default)", "default")
    .requiredOption("--round <n>", "round number (0 = the starting model)", wholeNumber("--round", "1"))
    .option("--campaign <runId...>", "red-team campaign run ids (repeatable, comma-separated)", commaList)
    .option(
      "--bench <runId...>",
      "bench run ids whose harm defects count too (repeatable, comma-separated)",
      commaList,
    )
    .option(
      "--similarity <x>",
      `near-duplicate threshold for merging attacks, estimated Jaccard in (0, 1] (default ${DEFAULT_SIMILARITY})`,
      similarityFlag,
    )
    .option("--no-manual", "leave out the manual findings flagged in `breakfix ui` (counted by default)")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  breakfix vulns identify --round 0 --campaign <runId>      a red-team campaign's breaks",
        "  breakfix vulns identify --scope <cycleId> --round 3       the replies flagged in `breakfix ui` since the",
        "                                                            cycle's last round, as the next round's breaks",
      ].join("\n"),
    )
    .action(async (opts: IdentifyFlags) => {
      const campaignRunIds = opts.campaign ?? [];
      const benchRunIds = opts.bench ?? [];
      const store = await ctx.store();
      const manual = opts.manual ? store.findings.listManual(opts.scope, opts.round).length : 0;
      if (campaignRunIds.length + benchRunIds.length + manual === 0) {
        throw new BreakfixError("USAGE", "no runs to identify vulnerabilities from", {
          fix: "pass at least one red-team campaign run (--campaign <runId>) or bench run (--bench <runId>), or flag replies in `breakfix ui`",
        });
      }
      const result = identifyVulnerabilities(store, {
        scope: opts.scope,
        round: opts.round,
        campaignRunIds,
        benchRunIds,
        manual: opts.manual,
        ...(opts.similarity === undefined ? {} : { similarity: opts.similarity }),
      });
      ctx.print(result, () => formatVulnerabilityList(result));
    });

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
