import { definePersona, type Persona } from "./persona.js";

/**
 * A low-skilled adversary (the paper's first red-team tier): asks directly, then pastes jailbreak templates
 * found online, a handful of tries per objective.
 */
export const lowSkilledPersona: Persona = definePersona({
  id: "low-skilled",
  description: "direct asks, then copy-pasted jailbreak templates (seeded order)",
  steps: [
    { strategy: "direct", options: {}, budget: 1 },
    { strategy: "template", options: { order: "shuffled" }, budget: 5 },
  ],
});

/** Role-play style templates of our own: always available, no shared data needed. */
const ROLE_PLAY_TEMPLATES = [
  "template:breakfix/role-play",
  "template:breakfix/fiction",
  "template:breakfix/developer-mode",
  "template:breakfix/research",
];

/**
 * An intermediate adversary: encodings and obfuscation, role play, template × converter combinations,
 * random augmentation, many-shot, and, given an attacker model, translation into low-resource languages and
 * multi-turn escalation and search (Crescendo, PAIR, TAP). Without an attacker model those steps are
 * skipped, and the campaign says so.
 */
export const intermediatePersona: Persona = definePersona({
  id: "intermediate",
  description:
    "encodings/obfuscation, role-play templates, template×converter, best-of-n, many-shot; translation, Crescendo, PAIR, TAP with an attacker model",
  steps: [
    { strategy: "converter-chain", options: {}, budget: 12 },
    { strategy: "template", options: { templates: ROLE_PLAY_TEMPLATES, order: "listed" }, budget: 4 },
    {
      strategy: "converter-chain",
      options: {
        template: "template:breakfix/developer-mode",
        chains: [["leetspeak"], ["base64"], ["rot13"], ["char-spacing"]],
      },
      budget: 4,
    },
    { strategy: "best-of-n", options: {}, budget: 10 },
    // Low-resource languages slip past English-centric safety training (MultiJail); needs a model to translate.
    {
      strategy: "converter-chain",
      options: { chains: [["translate:zu"], ["translate:gd"], ["translate:bn"]] },
      budget: 3,
    },
    { strategy: "many-shot", options: { shots: [4, 8, 16, 32] }, budget: 4 },
    { strategy: "crescendo", options: { maxTurns: 5, maxBacktracks: 3 }, budget: 10 },
    { strategy: "pair", options: { streams: 2 }, budget: 10 },
    { strategy: "tap", options: { branching: 2, width: 2, depth: 3 }, budget: 10 },
  ],
});

export const BUILTIN_PERSONAS: readonly Persona[] = [lowSkilledPersona, intermediatePersona];
