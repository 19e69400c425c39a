import type {
  AttackResult,
  ChatModel,
  GenerateOptions,
  Judge,
  JudgeScore,
  Message,
  Registry,
  Rng,
} from "../../core/index.js";
import type { ConverterChain } from "../converters/chain.js";
import type { AttackTemplate } from "../templates/attack-template.js";

/** What the attack aims at: a harmful behaviour from a dataset or the taxonomy. */
export interface Objective {
  id: string;
  goal: string;
  harmArea?: string;
  language?: string;
}

/** Everything a strategy run needs. The target is queried at most `budget` times. */
export interface StrategyContext {
  runId: string;
  /** The campaign's repetition index for this objective × strategy (0 when there is one). */
  attempt?: number;
  objective: Objective;
  target: ChatModel;
  judge: Judge;
  /** The most target queries the run may spend: a positive integer. */
  budget: number;
  rng: Rng;
  /** The attacker LLM for strategies that need one (PAIR, TAP, Crescendo, ...). */
  attacker?: ChatModel;
  /** The model for LLM-backed converters; defaults to `attacker`. */
  converterModel?: ChatModel;
  /** Templates the `template` strategy draws from; defaults to the built-in ones. */
  templates?: Registry<AttackTemplate>;
  /** Decides when a reply is a refusal, for strategies that backtrack (Crescendo); defaults to `refusal:learned`. */
  refusalJudge?: Judge;
  /** Decides success from a judge score; defaults to `isJudgedSuccess`. */
  isSuccess?: (score: JudgeScore) => boolean;
  /** Sampling options for target calls (temperature, maxTokens, ...). */
  targetOptions?: Omit<GenerateOptions, "signal">;
  signal?: AbortSignal;
}

/** One message list sent to the target, with how it was built. */
export interface Probe {
  /** The conversation to send; its last message is the user turn under test. */
  messages: Message[];
  template?: string;
  converters: string[];
  /** What varied in this probe (e.g. `shots=8`, `augment: case+noise`), for the transcript. */
  note?: string;
  /**
   * For probes sent through a decodable chain: decodes a reply the target wrote in the same encoding, or
   * returns undefined. When the raw reply is not a success, the decoded one is judged too.
   */
  decodeReply?: (reply: string) => string | undefined;
}

/** A probe the strategy could not build (an LLM converter or the attacker failed): the run ends in `error`. */
export interface ProbeError {
  error: string;
}

/** What the strategy learns after each probe. */
export interface ProbeFeedback {
  response: string;
  score: JudgeScore;
  /** Target queries left. */
  remaining: number;
}

/**
 * A strategy is an async generator of probes: it yields a probe, the runner queries the target and the
 * judge and sends back the feedback. The runner, not the strategy, owns the budget and the stopping rule,
 * so every strategy stops at the first success and never exceeds its budget.
 */
export type ProbeSource = AsyncGenerator<Probe | ProbeError, void, ProbeFeedback | undefined>;

/** What a strategy gets: the objective and seeded rng plus counted access to the attacker and converters. */
export interface StrategyRuntime {
  objective: Objective;
  rng: Rng;
  budget: number;
  /** The attacker LLM, wrapped so its calls are counted; undefined when none was given. */
  attacker?: ChatModel;
  templates: Registry<AttackTemplate>;
  /** Whether the target refused `response` (refusal judge, counted as a judge call); undecided → ProbeError. */
  refused(conversation: readonly Message[], response: string): Promise<boolean | ProbeError>;
  /** Builds a converter chain that can use the converter model; unknown ids are USAGE errors. */
  chain(ids: readonly string[]): ConverterChain;
  signal?: AbortSignal;
}

/** One target query with its result: the full history of a run, for the store and the fix stage. */
export interface Trial {
  /** 1-based, in query order. */
  index: number;
  messages: Message[];
  template?: string;
  converters: string[];
  note?: string;
  response?: string;
  score?: JudgeScore;
  /** The reply decoded through the probe's chain, and its score, when it decoded to something new. */
  decodedResponse?: string;
  decodedScore?: JudgeScore;
  /** Set when this query's target or judge call failed. */
  error?: string;
}

/** An AttackResult (the deciding trial's transcript and provenance) plus every trial and call counts. */
export interface StrategyResult extends AttackResult {
  trials: Trial[];
  calls: { target: number; judge: number; attacker: number };
}
