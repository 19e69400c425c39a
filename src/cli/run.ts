import { CommanderError } from "commander";
import { escapeText, redactSecrets, toBreakfixError } from "../core/index.js";
import { applyKernelBackendEnv } from "../engine/kernels/index.js";
import { createCliContext } from "./context.js";
import type { CliIo } from "./io.js";
import { buildProgram, globalOptionsOf } from "./program.js";
import { terminalSafeIo } from "./terminal-io.js";

/**
 * Runs one CLI invocation in-process and returns its exit code. Errors become one line on stderr
 * (`breakfix: <file:line: message. Fix: ...>`), never a stack trace, unless BREAKFIX_DEBUG=1.
 */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<number> {
  const io = terminalSafeIo(rawIo);
  let program: ReturnType<typeof buildProgram> | undefined;
  const ctx = createCliContext(io, () =>
    program ? globalOptionsOf(program) : { set: [], json: false, quiet: false },
  );
  program = buildProgram(ctx, { out: io.stdout, err: io.stderr });
  program.hook("preAction", () => applyKernelBackendEnv(io.env["BREAKFIX_ENGINE_BACKEND"]));
  try {
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit through here with code 0; usage errors were already printed.
      if (err.exitCode === 0 || err.code === "commander.helpDisplayed" || err.code === "commander.version")
        return 0;
      if (err.code === "commander.help") return 0;
      return 2;
    }
    const e = toBreakfixError(err);
    // The line quotes file contents, provider replies and argv: control characters are shown, not obeyed.
    io.stderr(`breakfix: ${escapeText(redactSecrets(e.toLine()), { oneLine: true })}\n`);
    if (io.env["BREAKFIX_DEBUG"] === "1" && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
    else if (e.code === "INTERNAL")
      io.stderr("(this is a bug; run with BREAKFIX_DEBUG=1 to see the stack trace)\n");
    return e.exitCode;
  } finally {
    await ctx.close();
  }
}
