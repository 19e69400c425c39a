import path from "node:path";
import { runCycle } from "../../cycle/index.js";
import { testCycleEnv, tinyCycleConfig } from "../../cycle/testing/cycle-test-kit.js";
import type { UiContext } from "../http/ui-context.js";

/** Hostile strings a model reply, a finding note or a label may carry: none may execute or break a page. */
export const XSS_PAYLOADS = [
  "<script>window.__pwned='script';alert(1)</script>",
  "<img src=x onerror=\"window.__pwned='img'\">",
  "</pre></details></td></tr></table><script>window.__pwned='break'</script>",
  "<a href=\"javascript:window.__pwned='a'\">click</a>",
  "<svg onload=\"window.__pwned='svg'\"><script>window.__pwned='svg-script'</script></svg>",
  '<style>body{display:none}</style><iframe src="https://evil.example/"></iframe>',
  "bidi \u202eevil\u202c and ANSI \u001b[31mred\u001b[0m",
  "{{constructor.constructor('window.__pwned=1')()}} $" + "{alert(1)}",
] as const;

/** A reply of 5 MB: a page must stay responsive with it (collapsed, scrollable, not laid out whole). */
export const HUGE_REPLY = `${"A very long reply. ".repeat(262_144)}`;

/**
 * Fills the context's store with a real one-round cycle on the built-in model (tiny sizes, seconds): bench
 * runs, red-team campaigns with transcripts, findings, vulnerabilities, checkpoints and the round's report.
 * Returns the cycle's id.
 */
export async function seedTinyCycle(ui: UiContext & { dir: string }, cycleId = "ui-cycle"): Promise<string> {
  const config = tinyCycleConfig({ rounds: 1 });
  const env = testCycleEnv(ui.env.store, ui.dir);
  await runCycle(env, { config, outRoot: path.join(ui.dir, "cycles"), cycleId });
  return cycleId;
}
