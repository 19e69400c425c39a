import { randomBytes } from "node:crypto";
import { builtinTemplateRegistry, createChain, renderAttack } from "../../attacks/index.js";
import { BreakfixError, createRng, type Finding, type JudgeScore, type Message } from "../../core/index.js";
import { parseJudgeSpec } from "../../judges/index.js";
import type { ManualSession, ManualTurn } from "../../store/index.js";
import { isValidSeverity } from "../../taxonomy/index.js";
import type { UiContext } from "../http/ui-context.js";

export const MANUAL_RUN_KIND = "manual";
const MAX_TOKENS = 512;

const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
const usage = (message: string, fix?: string) =>
  new BreakfixError("USAGE", message, fix === undefined ? {} : { fix });

/** The turns from the first one down to `id` (the conversation as the model sees it at that turn). */
export function pathTo(session: ManualSession, id: string | null): ManualTurn[] {
  const byId = new Map(session.turns.map((t) => [t.id, t]));
  const out: ManualTurn[] = [];
  for (let t = id === null ? undefined : byId.get(id); t; t = t.parent ? byId.get(t.parent) : undefined)
    out.unshift(t);
  return out;
}

function messagesOf(session: ManualSession, turns: readonly ManualTurn[]): Message[] {
  const system: Message[] = session.systemPrompt.trim()
    ? [{ role: "system", content: session.systemPrompt }]
    : [];
  return [...system, ...turns.filter((t) => !t.error).map((t) => ({ role: t.role, content: t.content }))];
}

export function turnOf(session: ManualSession, id: unknown, role?: ManualTurn["role"]): ManualTurn {
  const turn = typeof id === "string" ? session.turns.find((t) => t.id === id) : undefined;
  if (!turn) throw usage(`session ${session.id} has no turn ${String(id)}`);
  if (role && turn.role !== role) throw usage(`turn ${turn.id} is a ${turn.role} turn, not a ${role} one`);
  return turn;
}

/** A message after its template and converters (pure converters; an LLM one needs a model and is refused). */
export async function convertMessage(
  text: string,
  o: { converters?: readonly string[]; template?: string },
): Promise<{ text: string; converters: string[]; template?: string }> {
  const converters = (o.converters ?? []).filter((c) => c.trim() !== "");
  // An unknown template is the registry's NOT_FOUND, which names the ones there are (a 400 here).
  const template = o.template ? builtinTemplateRegistry().get(o.template) : undefined;
  const chain = converters.length > 0 ? createChain(converters) : undefined;
  const out = await renderAttack({ prompt: text, template, converters: chain, rng: createRng(0) });
  if (!out.ok) throw usage(`converter ${out.converter} failed: ${out.error}`);
  return { text: out.text, converters: out.converters, ...(out.template && { template: out.template }) };
}

/** Resolves a model id as typed; an unknown provider, alias or malformed id is the user's error. */
export async function resolveConsoleModel(ui: UiContext, id: string) {
  if (id.trim() === "") throw usage("no model given", "pick a model or type an id such as engine:base");
  try {
    return await ui.env.resolveModel(ui.env.modelRef(id.trim()));
  } catch (err) {
    if (err instanceof BreakfixError && err.code !== "INTERNAL")
      throw new BreakfixError("USAGE", err.message, err.fix === undefined ? {} : { fix: err.fix });
    throw err;
  }
}

/** Asks the session's model for a reply to the conversation ending at `userTurn`; a failure is a turn too. */
async function reply(ui: UiContext, session: ManualSession, userTurn: ManualTurn): Promise<ManualTurn> {
  const model = await resolveConsoleModel(ui, session.model);
  const messages = messagesOf(session, pathTo(session, userTurn.id));
  const res = await model.generate(messages, { maxTokens: MAX_TOKENS, temperature: 0.7 });
  const base = {
    id: newId("t"),
    parent: userTurn.id,
    role: "assistant" as const,
    model: session.model,
    at: new Date().toISOString(),
  };
  if (!res.ok) return { ...base, content: "", error: `${res.error.kind}: ${res.error.message}` };
  if (res.text === "") return { ...base, content: "", error: "the model replied with no text" };
  return { ...base, content: res.text };
}

/** A new saved session; its model is resolved first, so an unknown one is refused here. */
export async function newSession(
  ui: UiContext,
  o: { model?: unknown; systemPrompt?: unknown; title?: unknown },
) {
  if (typeof o.model !== "string" || o.model.trim() === "") throw usage("no model given", "pick a model");
  await resolveConsoleModel(ui, o.model);
  return ui.env.store.manualSessions.save({
    id: newId("ms"),
    title: typeof o.title === "string" && o.title.trim() ? o.title.trim() : `Session with ${o.model.trim()}`,
    model: o.model.trim(),
    systemPrompt: typeof o.systemPrompt === "string" ? o.systemPrompt : "",
    turns: [],
    head: null,
  });
}

/** Sends a user message after `parent` (default the head), converted as asked, and records the reply. */
export async function sendMessage(
  ui: UiContext,
  session: ManualSession,
  o: { text?: unknown; converters?: unknown; template?: unknown; parent?: unknown },
): Promise<ManualSession> {
  if (typeof o.text !== "string" || o.text.trim() === "") throw usage("the message is empty");
  const parent =
    o.parent === undefined ? session.head : o.parent === null ? null : turnOf(session, o.parent).id;
  const converted = await convertMessage(o.text, {
    converters: Array.isArray(o.converters) ? o.converters.map(String) : [],
    ...(typeof o.template === "string" && o.template !== "" && { template: o.template }),
  });
  const changed = converted.text !== o.text;
  const userTurn: ManualTurn = {
    id: newId("t"),
    parent,
    role: "user",
    content: converted.text,
    ...(changed && { original: o.text }),
    ...(converted.converters.length > 0 && { converters: converted.converters }),
    ...(converted.template && { template: converted.template }),
    at: new Date().toISOString(),
  };
  const withUser = { ...session, turns: [...session.turns, userTurn] };
  const answer = await reply(ui, withUser, userTurn);
  return ui.env.store.manualSessions.save({
    ...withUser,
    turns: [...withUser.turns, answer],
    head: answer.id,
  });
}

/** Another reply to the same user turn, as a sibling of `turnId`; the head moves to it. */
export async function retryReply(
  ui: UiContext,
  session: ManualSession,
  turnId: unknown,
): Promise<ManualSession> {
  const old = turnOf(session, turnId, "assistant");
  const answer = await reply(ui, session, turnOf(session, old.parent, "user"));
  return ui.env.store.manualSessions.save({ ...session, turns: [...session.turns, answer], head: answer.id });
}

/** Continues from an earlier turn (null: from the start): the next message follows it. */
export function branchFrom(ui: UiContext, session: ManualSession, turnId: unknown): ManualSession {
  const head = turnId === null ? null : turnOf(session, turnId).id;
  return ui.env.store.manualSessions.save({ ...session, head });
}

/** Runs the judges on a reply; a judge that cannot be built or fails gives an `unknown` verdict with why. */
export async function judgeReply(
  ui: UiContext,
  session: ManualSession,
  turnId: unknown,
  judges: unknown,
): Promise<ManualSession> {
  const turn = turnOf(session, turnId, "assistant");
  if (turn.error) throw usage("that model call failed: there is no reply to judge");
  const ids = Array.isArray(judges) ? judges.map(String).filter((j) => j.trim() !== "") : [];
  if (ids.length === 0) throw usage("no judge given", "e.g. refusal:learned, harm:learned, coherence:text");
  const specs = ids.map((id) => parseJudgeSpec(id.trim()));
  const path = pathTo(session, turn.id);
  const input = {
    conversation: messagesOf(session, path.slice(0, -1)),
    response: turn.content,
    goal: path.filter((t) => t.role === "user").at(-1)?.original ?? path.at(-2)?.content ?? "",
  };
  const scores: JudgeScore[] = [];
  for (const [i, spec] of specs.entries()) {
    try {
      const judge = await ui.env.createJudge(spec);
      scores.push(await judge.score(input));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      scores.push({ judgeId: ids[i] ?? "?", judgeVersion: "?", label: "unknown", error: message });
    }
  }
  const turns = session.turns.map((t) =>
    t.id === turn.id ? { ...t, scores: [...(t.scores ?? []), ...scores] } : t,
  );
  return ui.env.store.manualSessions.save({ ...session, turns });
}

/** Flags a reply as a manual red-team finding: counted by the next `vulns identify` of any scope. */
export function flagReply(
  ui: UiContext,
  session: ManualSession,
  o: { turnId?: unknown; harmArea?: unknown; severity?: unknown; note?: unknown },
): { session: ManualSession; finding: Finding } {
  const turn = turnOf(session, o.turnId, "assistant");
  if (turn.error) throw usage("that model call failed: there is no reply to flag");
  const { taxonomy } = ui.config;
  if (typeof o.harmArea !== "string" || !taxonomy.has(o.harmArea))
    throw usage(
      `unknown harm area "${String(o.harmArea)}"`,
      `use one of: ${taxonomy.areas.map((a) => a.id).join(", ")}`,
    );
  if (!isValidSeverity(o.severity))
    throw usage(`severity must be a whole number 0–7, got ${JSON.stringify(o.severity)}`);
  const note = typeof o.note === "string" ? o.note.slice(0, 4000) : "";
  const path = pathTo(session, turn.id);
  const userTurns = path.filter((t) => t.role === "user");
  const lastUser = userTurns.at(-1);
  const runId = `manual-${session.id}`;
  ui.env.store.runs.start({
    id: runId,
    kind: MANUAL_RUN_KIND,
    name: session.title,
    config: { session: session.id },
  });
  const finding: Finding = {
    id: `manual-${session.id}-${turn.id}`,
    runId,
    origin: "manual",
    sourceId: `${runId}/${turn.id}`,
    harmArea: o.harmArea,
    technique: {
      strategy: "manual",
      converters: lastUser?.converters ?? [],
      ...(lastUser?.template && { template: lastUser.template }),
      options: { session: session.id, model: turn.model ?? session.model, note },
      objective: { id: turn.id, goal: lastUser?.original ?? lastUser?.content ?? "" },
    },
    language: "en",
    turnDepth: userTurns.length,
    severity: o.severity,
    transcript: messagesOf(session, path),
    scores: turn.scores ?? [],
  };
  ui.env.store.transaction(() => {
    ui.env.store.findings.put(finding);
    ui.env.store.runs.finish(runId, "done");
  });
  const turns = session.turns.map((t) => (t.id === turn.id ? { ...t, findingId: finding.id } : t));
  return { session: ui.env.store.manualSessions.save({ ...session, turns }), finding };
}
