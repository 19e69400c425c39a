import type { Command } from "commander";
import { BreakfixError, escapeText } from "../../core/index.js";
import {
  CONTENT_WARNING,
  campaignMetrics,
  formatCampaignMetrics,
  formatFinding,
  formatTranscript,
} from "../../redteam/index.js";
import type { CliContext } from "../context.js";
import { registerRedteamRun } from "./redteam-run.js";

export function registerRedteamCommands(program: Command, ctx: CliContext): void {
  const redteam = program
    .command("redteam")
    .description(
      "Red-team campaigns: an adversary persona against a model's objectives; show runs and findings",
    );

  registerRedteamRun(redteam, ctx);

  redteam
    .command("show <run>")
    .description(
      "a campaign's metrics with 95% intervals, recomputed from the store; findings and transcripts",
    )
    .option("--findings", "list the findings with what rebuilds each attack")
    .option("--transcripts", "print every attempt's deciding transcript (escaped, content warning first)")
    .action(async (runId: string, opts: { findings?: boolean; transcripts?: boolean }) => {
      const store = await ctx.store();
      const run = store.runs.require(runId);
      if (run.kind !== "redteam") {
        throw new BreakfixError("USAGE", `run ${runId} is a ${run.kind} run, not a red-team campaign`, {
          fix: `use \`breakfix ${run.kind} show ${runId}\``,
        });
      }
      const attacks = store.attacks.list(runId);
      const findings = opts.findings ? store.findings.list({ runId }) : undefined;
      const value = {
        run: { id: run.id, status: run.status, name: run.name, config: run.config },
        metrics: campaignMetrics(attacks),
        ...(findings ? { findings } : {}),
        ...(opts.transcripts ? { contentWarning: CONTENT_WARNING, attempts: attacks } : {}),
      };
      ctx.print(value, () => {
        const out = [
          `${run.id} (${run.status}): ${escapeText(run.name, { oneLine: true })}`,
          formatCampaignMetrics(value.metrics),
        ];
        if (findings)
          out.push("", `findings (${findings.length}, most severe first):`, ...findings.map(formatFinding));
        if (opts.transcripts) {
          out.push("", CONTENT_WARNING);
          for (const a of attacks) {
            out.push(
              "",
              `${escapeText(a.objectiveId, { oneLine: true })} #${a.attempt} ${a.strategy}: ${a.outcome} in ${a.queries} queries${a.error ? ` (${escapeText(a.error, { oneLine: true })})` : ""}`,
              formatTranscript(a.transcript),
            );
          }
        }
        return out.join("\n");
      });
    });
}
