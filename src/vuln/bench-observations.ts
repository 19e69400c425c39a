import type { BenchItem, BenchRunConfig } from "../bench/index.js";
import { BreakfixError, type Finding, type JudgeScore, type Message } from "../core/index.js";
import { findingId, judgeReply, turnDepth, UNGRADED_SEVERITY } from "../redteam/index.js";
import type { Generation, Store, StoredScore } from "../store/index.js";
import { SEVERITY_PASS_MAX } from "../taxonomy/index.js";
import { attackTextOf, type Observation } from "./observation.js";
import { vulnerabilityKey } from "./technique-family.js";

/**
 * The fields of a bench run item's payload this stage reads, typed from the bench stage's own shapes so a
 * renamed field breaks the build here; `groups` may be absent from rows written by other means.
 */
type BenchItemView = Pick<BenchItem, "suite" | "goal" | "harmArea" | "benign" | "language"> &
  Partial<Pick<BenchItem, "groups">>;

type BenchJudgeView = BenchRunConfig["judges"][string];

const HARMFUL = new Set(["unsafe", "yes"]);
const HARMLESS = new Set(["safe", "no"]);

type TurnVerdict = "defect" | "held" | "undecided" | "not-harm";

/**
 * A turn's verdict under the pass rule of the severity scale: a graded severity above SEVERITY_PASS_MAX is a
 * defect; a safe/unsafe judge's `unsafe` is one. Refusal, groundedness and exact-match verdicts say nothing
 * about harmful output, so their items are not observations of a vulnerability at all.
 */
function verdictOf(g: Generation | undefined, score: StoredScore | undefined, graded: boolean): TurnVerdict {
  if (!g || g.status === "error" || !score || score.label === "unknown") return "undecided";
  if (!HARMFUL.has(score.label) && !HARMLESS.has(score.label)) return "not-harm";
  if (graded) {
    if (score.severity === undefined) return "undecided";
    return score.severity > SEVERITY_PASS_MAX ? "defect" : "held";
  }
  return HARMFUL.has(score.label) ? "defect" : "held";
}

function judgeScoreOf(s: StoredScore): JudgeScore {
  const {
    id: _id,
    runId: _run,
    itemId: _item,
    attempt: _a,
    turn: _t,
    promptHash: _p,
    createdAt: _c,
    ...score
  } = s;
  return score;
}

export interface BenchObservations {
  observations: Observation[];
  /** One finding per defective sample (origin `bench`), to be written to the store. */
  findings: Finding[];
}

/**
 * Every harm-judged, harmful-intent sample of a bench run as an observation (its last attempt, as bench
 * reports use); a sample whose reply failed the pass rule at any turn is a success of its technique
 * (`bench:<suite>`, with the template family for template-wrapped suites) and becomes a bench finding.
 */
export function benchObservations(store: Store, runId: string, round?: number): BenchObservations {
  const run = store.runs.require(runId);
  if (run.kind !== "bench") {
    throw new BreakfixError("USAGE", `run ${runId} is a ${run.kind} run, not a bench run`, {
      fix: "pass bench runs with --bench and red-team campaigns with --campaign (see `breakfix db runs`)",
    });
  }
  const judges = (run.config["judges"] ?? {}) as Record<string, BenchJudgeView>;
  const generations = store.generations.list(runId);
  const lastAttempt = new Map<string, number>();
  for (const g of generations) lastAttempt.set(g.itemId, Math.max(lastAttempt.get(g.itemId) ?? 0, g.attempt));
  const turnsOf = new Map<string, Generation[]>();
  for (const g of generations) {
    if (g.attempt !== lastAttempt.get(g.itemId)) continue;
    const turns = turnsOf.get(g.itemId);
    if (turns) turns.push(g);
    else turnsOf.set(g.itemId, [g]);
  }
  const scores = new Map<string, StoredScore>();
  for (const s of store.scores.list(runId))
    scores.set(`${s.itemId}#${s.attempt}#${s.turn}#${s.judgeId}#${s.judgeVersion}`, s);

  const observations: Observation[] = [];
  const findings: Finding[] = [];
  for (const item of store.items.list<BenchItemView>(runId)) {
    const p = item.payload;
    const judge = p ? judges[p.suite] : undefined;
    if (!p || !judge || p.benign === true || item.status === "pending") continue;
    const attempt = lastAttempt.get(item.itemId) ?? 0;
    const turns = (turnsOf.get(item.itemId) ?? []).sort((a, b) => a.turn - b.turn);
    const judged = turns.map((g) => {
      const score = scores.get(`${item.itemId}#${attempt}#${g.turn}#${judge.scoreId}#${judge.version}`);
      return { g, score, verdict: verdictOf(g, score, judge.gradesSeverity) };
    });
    if (judged.some((t) => t.verdict === "not-harm")) continue;
    const defect = judged.find((t) => t.verdict === "defect");
    const last = defect ?? judged.at(-1);
    const transcript: Message[] = last
      ? [
          ...last.g.messages,
          ...(last.g.text === undefined ? [] : [{ role: "assistant" as const, content: last.g.text }]),
        ]
      : [];
    const template = p.groups?.["template"];
    const technique = {
      strategy: `bench:${p.suite}`,
      converters: [],
      ...(template === undefined
        ? {}
        : { template: template.startsWith("template:") ? template : `template:${template}` }),
    };
    const harmArea = p.harmArea ?? defect?.score?.harmArea;
    const language = p.language ?? "en";
    const key = vulnerabilityKey({
      ...technique,
      harmArea,
      language,
      userTurns: Math.max(1, turnDepth(transcript)),
    });
    const sourceId = `${runId}/${item.itemId}#${attempt}`;
    if (defect?.score) {
      const finding: Finding = {
        id: findingId(sourceId),
        runId,
        origin: "bench",
        sourceId,
        harmArea: key.harmArea,
        technique,
        language: key.language,
        turnDepth: turnDepth(transcript),
        severity: defect.score.severity ?? UNGRADED_SEVERITY,
        transcript,
        scores: [judgeScoreOf(defect.score)],
        ...(round === undefined ? {} : { round }),
      };
      findings.push(finding);
      observations.push({
        key,
        outcome: "success",
        sourceId,
        severity: finding.severity,
        attackText: p.goal ?? attackTextOf(transcript),
        findingId: finding.id,
      });
      continue;
    }
    const undecided =
      judged.length === 0 || item.status === "failed" || judged.some((t) => t.verdict === "undecided");
    const reply = undecided || last?.g.text === undefined ? undefined : judgeReply(last.g.text);
    observations.push({
      key,
      outcome: undecided ? "error" : "failure",
      sourceId,
      severity: 0,
      attackText: p.goal ?? attackTextOf(transcript),
      ...(reply === undefined ? {} : { reply }),
    });
  }
  return { observations, findings };
}
