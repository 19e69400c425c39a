import path from "node:path";
import { BreakfixError, createRng, sha256Hex, stableStringify } from "../core/index.js";
import type { Store } from "../store/index.js";
import type { PreferenceFormat, SftExample, TrainingFormat } from "../training-data/index.js";
import { capPerArea, defaultAreaCap } from "./balance.js";
import { countSet, type SetCounts } from "./data-card.js";
import {
  type ContaminationMatch,
  createDecontaminator,
  type DecontaminationOptions,
  type EvalText,
} from "./decontaminate.js";
import { dedupe } from "./dedupe.js";
import { type Candidate, pairCandidate, sftCandidate, userText } from "./example-text.js";
import { helpfulnessPairs } from "./helpfulness-pairs.js";
import { mixSafetyShare, splitStrata } from "./mix-and-split.js";
import { countRemovals, type RemovalReason, type RemovedExample } from "./removal.js";
import type { CandidatePair, CandidateSft, FixCandidates } from "./types.js";
import { type WrittenFile, writeAtomic, writeSplit } from "./write-dataset.js";

export interface CurateOptions {
  candidates: FixCandidates;
  /** Every evaluation prompt (benchmarks, look-alike evaluation): none may reach the training data. */
  evalTexts: ReadonlyArray<EvalText | string>;
  /** Held-out attack families' texts (objectives, templates, sent attacks): kept out the same way. */
  heldOutTexts?: ReadonlyArray<EvalText | string>;
  /** General helpfulness SFT data mixed in so that safety makes up `safetyShare` of the SFT set. */
  helpfulness?: readonly SftExample[];
  /**
   * Helpfulness preference pairs (answer ≻ a refusal of the round) per safety pair (default 0: none), so
   * DPO also learns where not to refuse (`helpfulness-pairs.ts`).
   */
  helpfulnessPairs?: number;
  /** Share of safety examples in the SFT set when helpfulness data is given (default 0.3). */
  safetyShare?: number;
  /** Share of each set held out for validation (default 0.1). */
  validationFraction?: number;
  /** Most safety examples per harm area in each set (default twice the median area size). */
  maxPerArea?: number;
  /** Estimated similarity at which two candidates are near-duplicates (default 0.9). */
  duplicateThreshold?: number;
  decontamination?: DecontaminationOptions;
  seed: number;
  name: string;
  outDir: string;
  store?: Store;
  /** Formats to write (default all): `openai` for SFT, any of `openai-dpo`, `trl`, `hh` for pairs. */
  formats?: readonly TrainingFormat[];
}

export interface CuratedDataset {
  name: string;
  /** First 12 hex of the hash of every written file's hash: the same data gives the same version. */
  version: string;
  dir: string;
  files: {
    /** Training files: SFT (OpenAI chat) and pairs (the first preference format written). */
    sft: string;
    dpo: string;
    sftValidation?: string;
    dpoValidation?: string;
    card: string;
    removalReport: string;
    all: WrittenFile[];
  };
  counts: {
    sft: number;
    dpo: number;
    sftValidation: number;
    dpoValidation: number;
    sets: { sft: SetCounts; preference: SetCounts };
    removed: Record<RemovalReason, number> & { judgeDropped: number };
  };
  card: Record<string, unknown>;
  removed: RemovedExample[];
}

const PREFERENCE_FORMATS: readonly PreferenceFormat[] = ["openai-dpo", "trl", "hh"];

function asEvalTexts(texts: ReadonlyArray<EvalText | string>, source: string): EvalText[] {
  return texts.map((t, i) => (typeof t === "string" ? { source, id: String(i + 1), text: t } : t));
}

/** Drops every candidate any of whose messages matches an evaluation or held-out text. */
function decontaminate<T extends Candidate>(
  items: readonly T[],
  set: RemovedExample["set"],
  check: (text: string) => ContaminationMatch[],
): { kept: T[]; removed: RemovedExample[] } {
  const kept: T[] = [];
  const removed: RemovedExample[] = [];
  for (const c of items) {
    const matches = [...c.messages.map((m) => m.content), userText(c.messages)].flatMap(check);
    const unique = [...new Map(matches.map((m) => [`${m.source}\u0000${m.id}`, m])).values()];
    if (unique.length === 0) kept.push(c);
    else
      removed.push({
        id: c.id,
        set,
        kind: c.provenance.kind,
        harmArea: c.provenance.harmArea,
        reason: "contamination",
        matches: unique,
      });
  }
  return { kept, removed };
}

/**
 * Curates compiled fix data into a versioned training dataset: exact and near-duplicate removal;
 * decontamination against every evaluation and held-out text (a hard filter: any match removes the example,
 * and the report names what it matched); a cap per harm area; mixing with helpfulness data at the safety
 * share; a seeded train/validation split; files in the post-training formats with provenance sidecars, a
 * data card and a removal report; registration in the store when one is given. Deterministic for a seed.
 */
export function curateFixData(o: CurateOptions): CuratedDataset {
  const rng = createRng(o.seed).fork("curate");
  const share = o.safetyShare ?? 0.3;
  if (!(share > 0 && share <= 1)) {
    throw new BreakfixError("USAGE", `safety share ${share} is not in (0, 1]`, {
      fix: "pass a share such as 0.3",
    });
  }
  const fraction = o.validationFraction ?? 0.1;
  if (!(fraction >= 0 && fraction < 1)) {
    throw new BreakfixError("USAGE", `validation fraction ${fraction} is not in [0, 1)`, {
      fix: "pass e.g. 0.1",
    });
  }
  const removed: RemovedExample[] = [];
  const threshold = o.duplicateThreshold ?? 0.9;
  const helpful: Array<CandidateSft & Candidate> = (o.helpfulness ?? []).map((example, i) => ({
    ...sftCandidate({
      id: `helpfulness/${i + 1}`,
      example,
      provenance: {
        kind: "helpfulness",
        harmArea: "none",
        language: "und",
        round: 0,
        generator: "given",
        source: "helpfulness",
        row: i + 1,
        judgeScores: [],
      },
    }),
    example,
  }));
  const sftAll = [...o.candidates.sft.map((c) => ({ ...c, ...sftCandidate(c) })), ...helpful];
  const benignPairs = helpfulnessPairs(
    helpful,
    o.candidates.sft.filter((c) => c.provenance.kind === "fix"),
    Math.round((o.helpfulnessPairs ?? 0) * o.candidates.pairs.length),
    rng.fork("helpfulness-pairs"),
  );
  const pairAll = [...o.candidates.pairs, ...benignPairs].map((c) => ({ ...c, ...pairCandidate(c) }));

  const texts = [...asEvalTexts(o.evalTexts, "eval"), ...asEvalTexts(o.heldOutTexts ?? [], "held-out")];
  const checker = createDecontaminator(texts, { seed: o.seed, ...o.decontamination });
  // Each text is checked once: an SFT example and its pair share the prompt and the safe reply, and a
  // single-turn example's user text is also its one user message.
  const checked = new Map<string, ContaminationMatch[]>();
  const check = (text: string): ContaminationMatch[] => {
    let matches = checked.get(text);
    if (!matches) {
      matches = checker.check(text);
      checked.set(text, matches);
    }
    return matches;
  };
  const stage = <T extends Candidate>(items: T[], set: RemovedExample["set"]): T[] => {
    // Contamination first, so every example that matches an evaluation text is reported as such.
    const clean = decontaminate(items, set, check);
    const d = dedupe(clean.kept, set, { threshold, seed: o.seed });
    removed.push(...clean.removed, ...d.removed);
    return d.kept;
  };
  const sftClean = stage(sftAll, "sft");
  const pairClean = stage(pairAll, "preference");

  const balance = <T extends Candidate>(items: T[], set: RemovedExample["set"]): T[] => {
    const safety = items.filter((c) => c.provenance.kind !== "helpfulness");
    const capped = capPerArea(
      safety,
      o.maxPerArea ?? defaultAreaCap(safety),
      set,
      rng.fork(`balance:${set}`),
    );
    removed.push(...capped.removed);
    return capped.kept;
  };
  const sftSafety = balance(sftClean, "sft");
  const pairSafety = balance(pairClean, "preference");
  const mixed = mixSafetyShare(
    sftSafety,
    sftClean.filter((c) => c.provenance.kind === "helpfulness"),
    share,
    rng.fork("mix"),
  );
  removed.push(...mixed.removed);

  const sftSplit = splitStrata([mixed.safety, mixed.helpfulness], fraction, rng.fork("split:sft"));
  const pairHelpful = pairClean.filter((c) => c.provenance.kind === "helpfulness");
  const pairSplit = splitStrata([pairSafety, pairHelpful], fraction, rng.fork("split:preference"));
  if (sftSplit.train.length === 0 && pairSplit.train.length === 0) {
    throw new BreakfixError("DATA_INVALID", `dataset ${o.name}: no training example is left after curation`, {
      fix: "see the removal counts: attacks built from evaluation prompts are always removed; use separate objectives for fixing",
    });
  }
  return finish(o, { sftSplit, pairSplit, removed, share: mixed.share, targetShare: share, fraction, texts });
}

interface Curated {
  sftSplit: { train: CandidateSft[]; validation: CandidateSft[] };
  pairSplit: { train: CandidatePair[]; validation: CandidatePair[] };
  removed: RemovedExample[];
  share: number;
  targetShare: number;
  fraction: number;
  texts: EvalText[];
}

function finish(o: CurateOptions, c: Curated): CuratedDataset {
  const dir = path.resolve(o.outDir);
  const formats = o.formats ?? ["openai", ...PREFERENCE_FORMATS];
  const prefFormats = PREFERENCE_FORMATS.filter((f) => formats.includes(f));
  const written: WrittenFile[] = [];
  for (const split of ["train", "validation"] as const) {
    writeSplit(
      dir,
      split,
      formats.includes("openai") ? c.sftSplit[split] : [],
      c.pairSplit[split],
      prefFormats,
      written,
    );
  }
  const removalText = c.removed.map((r) => `${JSON.stringify(r)}\n`).join("");
  writeAtomic(dir, "removed.jsonl", removalText);
  written.push({
    path: "removed.jsonl",
    role: "report",
    rows: c.removed.length,
    sha256: sha256Hex(removalText),
  });
  const digest = sha256Hex(stableStringify(written.map((f) => [f.path, f.sha256])));
  const version = digest.slice(0, 12);
  const sets = {
    sft: countSet(c.sftSplit.train, c.sftSplit.validation),
    preference: countSet(c.pairSplit.train, c.pairSplit.validation),
  };
  const removedCounts = { ...countRemovals(c.removed), judgeDropped: o.candidates.dropped.length };
  const evalSources: Record<string, number> = {};
  for (const t of c.texts) evalSources[t.source] = (evalSources[t.source] ?? 0) + 1;
  const card: Record<string, unknown> = {
    name: o.name,
    version,
    seed: o.seed,
    safetyShare: { target: c.targetShare, actual: Number(c.share.toFixed(4)) },
    validationFraction: c.fraction,
    counts: sets,
    removed: removedCounts,
    decontaminatedAgainst: evalSources,
    warnings: o.candidates.warnings,
    files: written,
  };
  const cardText = `${JSON.stringify(card, null, 2)}\n`;
  const cardFile = writeAtomic(dir, "card.json", cardText);
  const pathOf = (role: WrittenFile["role"], split: "train" | "validation") => {
    const f = written.find((w) => w.role === role && w.split === split);
    return f ? path.join(dir, f.path) : undefined;
  };
  const rows = written.filter(
    (f) => f.role === "sft" || (f.role === "preference" && f.format === prefFormats[0]),
  );
  o.store?.datasets.register({
    name: o.name,
    version,
    sha256: digest,
    source: dir,
    rowCount: rows.reduce((n, f) => n + f.rows, 0),
    card,
  });
  return {
    name: o.name,
    version,
    dir,
    files: {
      sft: pathOf("sft", "train") ?? "",
      dpo: pathOf("preference", "train") ?? "",
      ...optional("sftValidation", pathOf("sft", "validation")),
      ...optional("dpoValidation", pathOf("preference", "validation")),
      card: cardFile,
      removalReport: path.join(dir, "removed.jsonl"),
      all: written,
    },
    counts: {
      sft: c.sftSplit.train.length,
      dpo: c.pairSplit.train.length,
      sftValidation: c.sftSplit.validation.length,
      dpoValidation: c.pairSplit.validation.length,
      sets,
      removed: removedCounts,
    },
    card,
    removed: c.removed,
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
