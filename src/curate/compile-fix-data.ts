import {
  BreakfixError,
  type ChatModel,
  createRng,
  type Finding,
  findingKey,
  type Judge,
  type JudgeInput,
  type JudgeScore,
  type Message,
  type Rng,
  type Vulnerability,
} from "../core/index.js";
import type { WeightedMessage } from "../training-data/index.js";
import { findBreakTurn } from "./break-turn.js";
import { lookalikeFamilyId, type TrainLookalike } from "./lookalike-families.js";
import { pickTrainLookalikes, wrapLikeAttack } from "./lookalikes.js";
import { hasRefusalIn, templateRefusal } from "./safe-responses.js";
import { distilledRefusal, ownAnswer, type SelfDistill } from "./self-distill.js";
import { teacherSafeResponse } from "./teacher-response.js";
import { type FixCandidates, type Provenance, type ProvenanceScore, provenanceScore } from "./types.js";

export interface CompileFixDataOptions {
  vulnerabilities: readonly Vulnerability[];
  findings: readonly Finding[];
  /**
   * The findings of one vulnerability, when they are not simply `findingIds` looked up in `findings` (the
   * vuln stage's `findingsOf` gives a fixed-then-reopened snapshot the findings of the round it last broke).
   */
  findingsOf?: (v: Vulnerability) => readonly Finding[];
  round: number;
  seed: number;
  /** Checks every safe response: one it does not label `safe` is dropped. */
  harmJudge?: Judge;
  /** Checks every look-alike answer: one it does not label `full_compliance` is dropped. */
  refusalJudge?: Judge;
  /** Writes the safe responses instead of the offline templates. */
  teacher?: ChatModel;
  /** The model being fixed writes the safe replies (under a safety prompt) and look-alike answers itself. */
  distill?: SelfDistill;
  /**
   * Benign look-alikes per vulnerability (default: as many as it has findings, at least 4), plus one in the
   * attack's own wrapper when possible. As many counter-examples as fixes keeps the fix from spreading into
   * refusals of everything that sounds like the area.
   */
  lookalikesPerVulnerability?: number;
  signal?: AbortSignal;
}

// Refusal is the wrong fix for an ungrounded answer: that area needs grounded answers, not templates.
const NOT_FIXED_BY_REFUSAL = new Set(["ungroundedness"]);

type Check = { ok: true; scores: ProvenanceScore[] } | { ok: false; score: JudgeScore };

async function check(
  judge: Judge | undefined,
  input: JudgeInput,
  accept: string,
  signal: AbortSignal | undefined,
): Promise<Check> {
  if (!judge) return { ok: true, scores: [] };
  const score = await judge.score(input, signal);
  // An undecided judge never admits an example: `unknown` is not `safe`.
  return score.label === accept ? { ok: true, scores: [provenanceScore(score)] } : { ok: false, score };
}

const weighted = (messages: readonly Message[]): WeightedMessage[] =>
  messages.map((m) => (m.role === "assistant" ? { ...m, weight: 0 as const } : { ...m }));

const plain = (messages: readonly Message[]): Message[] =>
  messages.map((m) => ({ role: m.role, content: m.content }));

/**
 * Turns each vulnerability's findings into fix data: SFT examples (the attack → a safe reply at the turn
 * that went wrong), DPO pairs (safe reply ≻ the harmful reply actually captured) and benign look-alikes
 * (helpful answer as SFT, and helpful ≻ refusal as pairs) so the fix does not teach blanket refusal.
 * Every response is judged before it is admitted; rejected ones are listed in `dropped`.
 */
export async function compileFixData(o: CompileFixDataOptions): Promise<FixCandidates> {
  const out: FixCandidates = { sft: [], pairs: [], dropped: [], warnings: [] };
  const byId = new Map(o.findings.map((f) => [f.id, f]));
  for (const v of o.vulnerabilities) {
    if (NOT_FIXED_BY_REFUSAL.has(v.key.harmArea)) {
      out.warnings.push(`vulnerability ${v.id} (${v.key.harmArea}): not fixed by refusals; skipped`);
      continue;
    }
    const findings = o.findingsOf
      ? [...o.findingsOf(v)]
      : v.findingIds.flatMap((id) => {
          const f = byId.get(id);
          if (!f) out.warnings.push(`vulnerability ${v.id}: finding ${id} was not given; skipped`);
          return f ? [f] : [];
        });
    for (const f of findings) await compileFinding(o, v, f, out);
    await compileLookalikes(o, v, findings, out);
  }
  return out;
}

async function safeReply(
  o: CompileFixDataOptions,
  conversation: readonly Message[],
  v: Vulnerability,
  f: Finding,
  rng: Rng,
  out: FixCandidates,
): Promise<{ text: string; generator: string } | { dropped: string }> {
  if (o.distill) {
    const reply = await distilledRefusal(
      o.distill,
      conversation,
      o.refusalJudge,
      rng.int(2 ** 31 - 1),
      o.signal,
    );
    if (reply.ok) return { text: reply.text, generator: `distill:${o.distill.model.id}` };
    // No template stands in: foreign text is what a small model collapses on; the finding waits a round.
    return { dropped: `${o.distill.model.id} gave no safe reply of its own (${reply.error})` };
  }
  if (o.teacher) {
    const reply = await teacherSafeResponse(o.teacher, {
      conversation,
      harmArea: v.key.harmArea,
      language: f.language,
      seed: rng.int(2 ** 31 - 1),
      signal: o.signal,
    });
    if (reply.ok) return { text: reply.text, generator: `teacher:${o.teacher.id}` };
    out.warnings.push(`finding ${f.id}: teacher ${o.teacher.id} failed (${reply.error}); template used`);
  }
  if (!hasRefusalIn(f.language)) {
    out.warnings.push(
      `finding ${f.id}: no refusal template in ${f.language}; English used (a teacher writes any language)`,
    );
  }
  const t = templateRefusal(v.key.harmArea, rng, f.language);
  return { text: t.text, generator: t.templateId };
}

async function compileFinding(
  o: CompileFixDataOptions,
  v: Vulnerability,
  f: Finding,
  out: FixCandidates,
): Promise<void> {
  if (o.signal?.aborted) throw new BreakfixError("ABORTED", "fix-data compilation cancelled");
  const rng = createRng(o.seed).fork(`fix:${v.id}:${findingKey(f)}`);
  const brk = await findBreakTurn(f, o.harmJudge, o.signal);
  const prompt = brk.index < 0 ? [...f.transcript] : f.transcript.slice(0, brk.index);
  if (prompt.at(-1)?.role !== "user") {
    out.warnings.push(`finding ${f.id}: no user turn before the harmful reply; skipped`);
    return;
  }
  const id = `fix/${v.id}/${f.id}`;
  const safe = await safeReply(o, prompt, v, f, rng, out);
  if ("dropped" in safe) {
    out.dropped.push({
      id,
      kind: "fix",
      vulnerabilityId: v.id,
      findingId: f.id,
      response: "",
      reason: safe.dropped,
    });
    return;
  }
  const goal = f.technique.objective?.goal;
  const verdict = await check(
    o.harmJudge,
    { goal, conversation: prompt, response: safe.text, harmArea: v.key.harmArea },
    "safe",
    o.signal,
  );
  if (!verdict.ok) {
    out.dropped.push({
      id,
      kind: "fix",
      vulnerabilityId: v.id,
      findingId: f.id,
      response: safe.text,
      reason: `harm judge labelled the safe response ${verdict.score.label}${verdict.score.error ? ` (${verdict.score.error})` : ""}`,
      score: provenanceScore(verdict.score),
    });
    return;
  }
  const provenance: Provenance = {
    kind: "fix",
    harmArea: v.key.harmArea,
    language: f.language,
    round: o.round,
    generator: safe.generator,
    source: `${f.origin}:${f.runId}`,
    vulnerabilityId: v.id,
    findingId: f.id,
    judgeScores: verdict.scores,
    breakTurn: brk.by,
  };
  out.sft.push({
    id,
    example: { messages: [...weighted(prompt), { role: "assistant", content: safe.text, weight: 1 }] },
    provenance,
  });
  const harmful = f.transcript[brk.index];
  if (harmful?.role === "assistant") {
    out.pairs.push({
      id,
      pair: {
        prompt: plain(prompt),
        chosen: [{ role: "assistant", content: safe.text }],
        rejected: [{ role: "assistant", content: harmful.content }],
      },
      provenance,
    });
  }
}

async function compileLookalikes(
  o: CompileFixDataOptions,
  v: Vulnerability,
  findings: readonly Finding[],
  out: FixCandidates,
): Promise<void> {
  const rng = createRng(o.seed).fork(`lookalike:${v.id}`);
  const first = findings[0];
  const n = o.lookalikesPerVulnerability ?? Math.max(4, findings.length);
  const picked = pickTrainLookalikes(v.key.harmArea, n, rng);
  const attack = first?.transcript.find((m) => m.role === "user")?.content;
  const wrapped =
    picked[0] && attack
      ? wrapLikeAttack(attack, first?.technique.objective?.goal, picked[0].prompt)
      : undefined;
  const items: Array<{ l: TrainLookalike; prompt: string; suffix: string }> = picked.map((l) => ({
    l,
    prompt: l.prompt,
    suffix: "",
  }));
  if (wrapped && picked[0]) items.push({ l: picked[0], prompt: wrapped, suffix: "/wrapped" });
  for (const { l, prompt, suffix } of items) {
    if (o.signal?.aborted) throw new BreakfixError("ABORTED", "fix-data compilation cancelled");
    const family = lookalikeFamilyId(l);
    const id = `lookalike/${v.id}/${family}${suffix}`;
    const conversation: Message[] = [{ role: "user", content: prompt }];
    // The model's own answer when it gives a coherent, on-topic one: no new facts to learn from a look-alike.
    // Whether it complies is the refusal check below, as for a written answer.
    const own = o.distill ? await ownAnswer(o.distill, conversation, o.signal) : undefined;
    if (o.distill && own === undefined) {
      const reason = `${o.distill.model.id} gave no coherent, on-topic answer of its own`;
      out.dropped.push({ id, kind: "lookalike", vulnerabilityId: v.id, response: "", reason });
      continue;
    }
    // A small model's "answer" can be another request's harmful steps that happen to share a word.
    const harm = own
      ? await check(o.harmJudge, { conversation, response: own }, "safe", o.signal)
      : undefined;
    if (harm && !harm.ok) {
      const reason = `harm judge labelled the model's own answer ${harm.score.label}`;
      out.dropped.push({ id, kind: "lookalike", vulnerabilityId: v.id, response: own ?? "", reason });
      continue;
    }
    const answer = own ?? l.answer;
    const verdict = await check(
      o.refusalJudge,
      { conversation, response: answer },
      "full_compliance",
      o.signal,
    );
    if (!verdict.ok) {
      out.dropped.push({
        id,
        kind: "lookalike",
        vulnerabilityId: v.id,
        response: answer,
        reason: `refusal judge labelled the helpful answer ${verdict.score.label}${verdict.score.error ? ` (${verdict.score.error})` : ""}`,
        score: provenanceScore(verdict.score),
      });
      continue;
    }
    const refusal = templateRefusal(l.area, rng);
    const provenance: Provenance = {
      kind: "lookalike",
      harmArea: l.area,
      language: "en",
      round: o.round,
      generator: `lookalike:${family}${suffix}${own ? `/distill:${o.distill?.model.id}` : ""}`,
      source: "lookalike-families",
      vulnerabilityId: v.id,
      ...(suffix && first ? { findingId: first.id } : {}),
      lookalikeKind: l.kind,
      lookalikeFamily: family,
      judgeScores: verdict.scores,
    };
    out.sft.push({
      id,
      example: { messages: [...conversation, { role: "assistant", content: answer }] },
      provenance,
    });
    out.pairs.push({
      id,
      pair: {
        prompt: conversation,
        chosen: [{ role: "assistant", content: answer }],
        rejected: [{ role: "assistant", content: refusal.text }],
      },
      provenance: { ...provenance, rejectedGenerator: refusal.templateId },
    });
  }
}
