import type { Context, Hono } from "hono";
import { builtinTemplateRegistry, createConverterRegistry } from "../../attacks/index.js";
import { BreakfixError } from "../../core/index.js";
import { SEVERITY_ANCHORS } from "../../taxonomy/index.js";
import type { UiContext } from "../http/ui-context.js";
import {
  branchFrom,
  convertMessage,
  flagReply,
  judgeReply,
  newSession,
  resolveConsoleModel,
  retryReply,
  sendMessage,
} from "./console-actions.js";

/** A session id that names no saved session (404; any other unknown name is the request's error, 400). */
class NoSuchSession extends Error {}

/** Errors the user can fix are 400 with the reason (and the fix); an unknown session 404; anything else 500. */
function failed(c: Context, err: unknown) {
  if (err instanceof NoSuchSession) return c.json({ error: err.message }, 404);
  if (err instanceof BreakfixError) {
    const status = err.code === "INTERNAL" ? 500 : 400;
    return c.json({ error: err.message, ...(err.fix && { fix: err.fix }) }, status);
  }
  if (err instanceof SyntaxError)
    return c.json({ error: `the request body is not JSON: ${err.message}` }, 400);
  throw err;
}

async function body(c: Context): Promise<Record<string, unknown>> {
  const b: unknown = await c.req.json();
  if (typeof b !== "object" || b === null || Array.isArray(b))
    throw new BreakfixError("USAGE", "the request body must be a JSON object");
  return b as Record<string, unknown>;
}

/** What the console offers: models (built-in, the store's checkpoints, aliases, providers), converters, templates, judges, areas. */
/** A cycle's checkpoint by its cycle and round (`<out>/<cycle>/round-<n>/<kind>`), anything else by its id. */
function checkpointLabel(id: string, kind: string, location: string): string {
  const m = /([^/\\]+)[/\\]round-(\d+)[/\\][^/\\]+[/\\]?$/.exec(location);
  return m ? `${m[1]}: round ${m[2]} ${kind}` : `${id} (${kind})`;
}

export function consoleOptions(ui: UiContext) {
  const checkpoints = ui.env.store.checkpoints
    .list()
    .filter((cp) => !/^[a-z]+:/.test(cp.location))
    .map((cp) => ({ id: `engine:${cp.location}`, label: checkpointLabel(cp.id, cp.kind, cp.location) }));
  const models = [
    { id: "engine:base", label: "built-in base model" },
    ...checkpoints,
    ...Object.entries(ui.config.models.aliases).map(([alias, id]) => ({
      id: alias,
      label: `alias of ${id}`,
    })),
    ...Object.keys(ui.config.models.providers).map((p) => ({
      id: `${p}:`,
      label: `configured provider ${p} (type the model)`,
    })),
    { id: "mock:echo", label: "mock: echoes the message" },
    { id: "mock:refuse", label: "mock: always refuses" },
  ];
  return {
    models,
    converters: createConverterRegistry()
      .list()
      .filter((c) => c.kind !== "llm")
      .map((c) => ({ id: c.id, description: c.description })),
    templates: builtinTemplateRegistry()
      .list()
      .map((t) => ({ id: t.id, description: t.description })),
    judges: ["refusal:learned", "harm:learned", "coherence:text", "refusal:strmatch"],
    areas: ui.config.taxonomy.areas.map((a) => ({ id: a.id, name: a.name })),
    severity: SEVERITY_ANCHORS,
  };
}

/** JSON routes under /api/console (POSTs are JSON only: the guard refuses anything else). */
export function registerConsoleApi(app: Hono, ui: UiContext): void {
  const sessions = ui.env.store.manualSessions;
  const session = (id: string | undefined) => {
    const found = sessions.get(id ?? "");
    if (!found) throw new NoSuchSession(`no manual session with id ${id}`);
    return found;
  };
  const route = (fn: (c: Context) => unknown | Promise<unknown>) => async (c: Context) => {
    try {
      return c.json((await fn(c)) as object);
    } catch (err) {
      return failed(c, err);
    }
  };
  app.get(
    "/api/console/options",
    route(() => consoleOptions(ui)),
  );
  app.get(
    "/api/console/sessions",
    route(() => ({ sessions: sessions.list() })),
  );
  app.post(
    "/api/console/sessions",
    route(async (c) => ({ session: await newSession(ui, await body(c)) })),
  );
  app.get(
    "/api/console/sessions/:id",
    route((c) => ({ session: session(c.req.param("id")) })),
  );
  app.post(
    "/api/console/sessions/:id/settings",
    route(async (c) => {
      const b = await body(c);
      const s = session(c.req.param("id"));
      if (b["model"] !== undefined) {
        await resolveConsoleModel(ui, typeof b["model"] === "string" ? b["model"] : "");
      }
      return {
        session: sessions.save({
          ...s,
          ...(typeof b["model"] === "string" && { model: b["model"].trim() }),
          ...(typeof b["systemPrompt"] === "string" && { systemPrompt: b["systemPrompt"] }),
          ...(typeof b["title"] === "string" && b["title"].trim() && { title: b["title"].trim() }),
        }),
      };
    }),
  );
  const withSession = (fn: (s: ReturnType<typeof session>, b: Record<string, unknown>) => unknown) =>
    route(async (c) => fn(session(c.req.param("id")), await body(c)));
  app.post(
    "/api/console/sessions/:id/send",
    withSession(async (s, b) => ({ session: await sendMessage(ui, s, b) })),
  );
  app.post(
    "/api/console/sessions/:id/retry",
    withSession(async (s, b) => ({ session: await retryReply(ui, s, b["turnId"]) })),
  );
  app.post(
    "/api/console/sessions/:id/branch",
    withSession((s, b) => ({ session: branchFrom(ui, s, b["turnId"] ?? null) })),
  );
  app.post(
    "/api/console/sessions/:id/judge",
    withSession(async (s, b) => ({ session: await judgeReply(ui, s, b["turnId"], b["judges"]) })),
  );
  app.post(
    "/api/console/sessions/:id/flag",
    withSession((s, b) => flagReply(ui, s, b)),
  );
  app.post(
    "/api/console/preview",
    route(async (c) => {
      const b = await body(c);
      if (typeof b["text"] !== "string") throw new BreakfixError("USAGE", "no text to preview");
      return convertMessage(b["text"], {
        converters: Array.isArray(b["converters"]) ? b["converters"].map(String) : [],
        ...(typeof b["template"] === "string" && b["template"] !== "" && { template: b["template"] }),
      });
    }),
  );
}
