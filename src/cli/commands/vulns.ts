import type { Command } from "commander";
import { BreakfixError } from "../../core/index.js";
import { DEFAULT_SIMILARITY, formatVulnerabilityList, identifyVulnerabilities } from "../../vuln/index.js";
import type { CliContext } from "../context.js";
import { commaList, numberFlag, wholeNumber } from "../option-parsers.js";
import { registerVulnsReadCommands } from "./vulns-read.js";

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

  registerVulnsReadCommands(vulns, ctx);
}
