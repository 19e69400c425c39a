import type { Command } from "commander";
import {
  converterRows,
  formatConverters,
  formatPersonas,
  formatStrategies,
  formatTemplates,
  personaRows,
  strategyRows,
  templateListing,
} from "../../redteam/index.js";
import type { CliContext } from "../context.js";
import { datasetLoadOptions } from "./dataset-options.js";

export function registerListCommands(program: Command, ctx: CliContext): void {
  const list = program
    .command("list")
    .description("red-team building blocks: converters, strategies, jailbreak templates, personas");

  list
    .command("converters")
    .description("every converter: id (with its parameter), kind (pure/llm), decodable, description")
    .action(() => ctx.print(converterRows(), formatConverters));

  list
    .command("strategies")
    .description("every attack strategy: id, whether it needs an attacker model, its options")
    .action(() => ctx.print(strategyRows(), formatStrategies));

  list
    .command("personas")
    .description("adversary personas: their strategies, options and per-objective query budgets")
    .action(() => ctx.print(personaRows(), formatPersonas));

  list
    .command("templates")
    .description(
      "jailbreak templates: the built-in ones and the shared PyRIT/garak ones, with the unusable ones reported",
    )
    .action(async () => {
      const warn = (message: string) => ctx.io.stderr(`${message}\n`);
      ctx.print(await templateListing(await datasetLoadOptions(ctx), warn), formatTemplates);
    });
}
