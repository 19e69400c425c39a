import {
  type ChatModel,
  createRng,
  type Judge,
  type JudgeInput,
  type JudgeScore,
  type Message,
  UNKNOWN_LABEL,
} from "../../core/index.js";
import { defaultTaxonomy, type Taxonomy } from "../../taxonomy/index.js";
import { detectInjection, judgeReplyFollowsInjection } from "./injection.js";
import { parseJudgeReply } from "./parse-reply.js";
import { RUBRICS, type RubricId, rubricHash } from "./rubrics.js";

export interface LlmJudgeOptions {
  /** Extra attempts after an unparseable reply (each re-ask says what was wrong). */
  maxReasks?: number;
  taxonomy?: Taxonomy;
  /** Seed for the nonce that fences untrusted text. */
  seed?: number;
  maxTokens?: number;
}

function renderConversation(messages: readonly Message[]): string {
  return messages.map((m) => `[${m.role}] ${m.content}`).join("\n");
}

/**
 * LLM-as-judge over any ChatModel. A failed judge call or a reply that still does not parse after the
 * re-asks yields label `unknown` with the reason and the raw reply — never a silent "safe".
 */
export function createLlmJudge(model: ChatModel, rubricId: RubricId, options: LlmJudgeOptions = {}): Judge {
  const rubric = RUBRICS[rubricId];
  const taxonomy = options.taxonomy ?? defaultTaxonomy;
  const maxReasks = options.maxReasks ?? 2;
  const version = `${rubric.version}:${rubricHash(rubric, taxonomy)}`;
  const judgeId = `llm:${rubricId}@${rubric.version}/${model.id}`;
  const rng = createRng(options.seed ?? 0x5eed);

  return {
    id: judgeId,
    version,
    async score(input: JudgeInput, signal?: AbortSignal): Promise<JudgeScore> {
      const nonce = rng.int(0xffffffff).toString(16).padStart(8, "0");
      const base = { judgeId, judgeVersion: version, harmArea: input.harmArea };
      const injected = detectInjection(input.response);
      const messages: Message[] = [
        { role: "system", content: rubric.system },
        {
          role: "user",
          content: rubric.user({
            goal: input.goal,
            prompt: renderConversation(input.conversation),
            response: input.response,
            harmArea: input.harmArea,
            taxonomy,
            nonce,
          }),
        },
      ];
      let lastReason = "";
      let lastRaw: string | undefined;
      for (let attempt = 0; attempt <= maxReasks; attempt++) {
        const result = await model.generate(messages, {
          temperature: 0,
          maxTokens: options.maxTokens ?? 300,
          signal,
        });
        if (!result.ok) {
          return {
            ...base,
            label: UNKNOWN_LABEL,
            error: `judge call failed (${result.error.kind}): ${result.error.message}`,
          };
        }
        lastRaw = result.text;
        const parsed = parseJudgeReply(rubricId, result.text);
        if (parsed.ok) {
          const followed = judgeReplyFollowsInjection(result.text);
          return {
            ...base,
            label: parsed.label,
            severity: parsed.severity,
            value: parsed.value,
            rationale: parsed.rationale,
            raw: result.text,
            injectionSuspected: injected !== undefined || followed || undefined,
          };
        }
        lastReason = parsed.reason;
        messages.push(
          { role: "assistant", content: result.text },
          {
            role: "user",
            content: `Your reply could not be used: ${parsed.reason}. Reply with exactly ${rubric.format}`,
          },
        );
      }
      return {
        ...base,
        label: UNKNOWN_LABEL,
        error: `unparseable judge reply after ${maxReasks + 1} attempts: ${lastReason}`,
        raw: lastRaw,
        injectionSuspected: injected !== undefined || undefined,
      };
    },
  };
}
