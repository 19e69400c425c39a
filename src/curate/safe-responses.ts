import type { Rng } from "../core/index.js";

/**
 * Offline safe responses: a brief refusal that names the concern and offers a safe alternative, composed
 * from per-area parts so one seed gives varied but reproducible wording. Short on purpose: the built-in
 * model has a small context and learns one plain pattern best.
 */
interface AreaTemplate {
  concerns: readonly string[];
  alternatives: readonly string[];
}

// "I won't help" reads as a partial refusal to the shipped refusal judge next to an offered alternative.
const OPENERS = ["I can't help with that", "Sorry, I can't help with that"] as const;

const AREA_TEMPLATES: Readonly<Record<string, AreaTemplate>> = {
  violence: {
    concerns: ["it could get someone hurt", "it could be used to harm people"],
    alternatives: [
      "If someone is in danger, please contact local emergency services.",
      "I can help you find a safe way to resolve the conflict instead.",
    ],
  },
  "weapons-cbrn": {
    concerns: ["making weapons could kill people", "it involves a dangerous weapon"],
    alternatives: [
      "I can explain the history or the safety rules around it instead.",
      "I can share general science that is safe to know instead.",
    ],
  },
  cyber: {
    concerns: ["breaking into systems you don't own is illegal", "it could damage other people's computers"],
    alternatives: [
      "I can help you secure your own accounts and devices instead.",
      "I can explain how to defend against this kind of attack instead.",
    ],
  },
  crime: {
    concerns: ["it is illegal and could hurt others", "it would mean breaking the law"],
    alternatives: [
      "I can explain the law or point you to legal help instead.",
      "I can help you find a legal way to reach your goal instead.",
    ],
  },
  "self-harm": {
    concerns: ["your safety matters", "it could seriously hurt you"],
    alternatives: [
      "If you are struggling, please talk to someone you trust or call a crisis line.",
      "You don't have to face this alone; a crisis line or a doctor can help right now.",
    ],
  },
  "hate-fairness": {
    concerns: ["it would demean people for who they are", "it targets people unfairly"],
    alternatives: [
      "I can help you write something respectful instead.",
      "I can share facts about the group or the issue instead.",
    ],
  },
  sexual: {
    concerns: ["it involves sexual content without consent", "it could exploit or harm someone"],
    alternatives: [
      "I can share information about consent and respect instead.",
      "If someone is at risk, please contact local support services.",
    ],
  },
  privacy: {
    concerns: ["it would invade someone's privacy", "tracking a person without consent can harm them"],
    alternatives: [
      "I can help you protect your own personal data instead.",
      "If you need to reach someone, I can suggest legal ways to do it.",
    ],
  },
  misinformation: {
    concerns: ["spreading false claims misleads people", "it would spread false information"],
    alternatives: [
      "I can help you find reliable sources on the topic instead.",
      "I can help you write something accurate instead.",
    ],
  },
  "specialized-advice": {
    concerns: ["it could harm your health without a doctor's guidance", "it needs a professional's advice"],
    alternatives: [
      "Please talk to a doctor or pharmacist; I can share general information.",
      "A qualified professional can advise you safely; I can explain the basics.",
    ],
  },
  "third-party-harm": {
    concerns: ["it could harm another person or their rights", "it would hurt someone else"],
    alternatives: [
      "I can help you handle the situation fairly instead.",
      "I can summarise the topic or suggest a legal option instead.",
    ],
  },
  jailbreak: {
    concerns: ["I follow my safety rules in every role", "a role or a game does not change my rules"],
    alternatives: [
      "I'm happy to help with a safe version of the request.",
      "Ask me something else and I'll gladly help.",
    ],
  },
};

const GENERAL: AreaTemplate = {
  concerns: ["it could cause harm", "it could hurt people"],
  alternatives: [
    "I'm happy to help with something safe instead.",
    "Ask me something else and I'll gladly help.",
  ],
};

export interface SafeResponse {
  text: string;
  /** `refusal:<area>#<opener>.<concern>.<alternative>`: which parts made it, for provenance. */
  templateId: string;
}

/**
 * A general refusal in the user's language, for breaks in other languages: a model that refuses in English
 * when asked in another language is a known failure (Phi-3.5), so a fix must not teach it. The area-specific
 * wording is English only; a teacher model writes area-specific replies in any language.
 */
const LANGUAGE_REFUSALS: Readonly<Record<string, string>> = {
  fr: "Je ne peux pas vous aider avec cela, car cela pourrait causer du tort. Je peux vous aider avec autre chose.",
  de: "Dabei kann ich nicht helfen, weil es Schaden anrichten könnte. Gern helfe ich bei etwas anderem.",
  es: "No puedo ayudar con eso porque podría causar daño. Con gusto te ayudo con otra cosa.",
  it: "Non posso aiutarti con questo perché potrebbe causare danni. Posso aiutarti volentieri con qualcos'altro.",
  pt: "Não posso ajudar com isso porque pode causar danos. Posso ajudar com outra coisa com prazer.",
  ru: "Я не могу помочь с этим, потому что это может причинить вред. С радостью помогу с чем-нибудь другим.",
  zh: "我不能帮助你做这件事，因为它可能造成伤害。我很乐意帮你做其他安全的事情。",
  ja: "それはお手伝いできません。害を及ぼすおそれがあるためです。ほかのことでしたら喜んでお手伝いします。",
  ko: "그 일은 도와드릴 수 없습니다. 해를 끼칠 수 있기 때문입니다. 다른 안전한 일이라면 기꺼이 도와드리겠습니다.",
  ar: "لا أستطيع المساعدة في ذلك لأنه قد يسبب ضررًا. يسعدني مساعدتك في أمر آخر آمن.",
  vi: "Tôi không thể giúp việc đó vì nó có thể gây hại. Tôi sẵn lòng giúp bạn việc khác an toàn hơn.",
  th: "ฉันช่วยเรื่องนี้ไม่ได้ เพราะอาจก่อให้เกิดอันตราย ฉันยินดีช่วยเรื่องอื่นที่ปลอดภัย",
  bn: "আমি এতে সাহায্য করতে পারব না, কারণ এটি ক্ষতি করতে পারে। অন্য কোনো নিরাপদ বিষয়ে আমি সানন্দে সাহায্য করব।",
  sw: "Siwezi kusaidia na hilo kwa sababu linaweza kusababisha madhara. Nitafurahi kukusaidia na jambo lingine salama.",
  jv: "Aku ora bisa mbantu bab kuwi amarga bisa nyebabake cilaka. Aku seneng mbantu bab liya sing aman.",
};

/** Whether `language` has a refusal of its own (English always has). */
export function hasRefusalIn(language: string): boolean {
  return language === "en" || language in LANGUAGE_REFUSALS;
}

/**
 * A seeded refusal for a request in `area` (unknown areas get the general wording), in `language` when it
 * is not English and has a refusal of its own; otherwise in English.
 */
export function templateRefusal(area: string, rng: Rng, language = "en"): SafeResponse {
  const translated = language === "en" ? undefined : LANGUAGE_REFUSALS[language];
  if (translated) return { text: translated, templateId: `refusal:general@${language}` };
  const known = AREA_TEMPLATES[area];
  const t = known ?? GENERAL;
  const o = rng.int(OPENERS.length);
  const c = rng.int(t.concerns.length);
  const a = rng.int(t.alternatives.length);
  return {
    text: `${OPENERS[o]} because ${t.concerns[c]}. ${t.alternatives[a]}`,
    templateId: `refusal:${known ? area : "general"}#${o}.${c}.${a}`,
  };
}

/** Areas with their own refusal wording. */
export const TEMPLATE_AREAS: readonly string[] = Object.keys(AREA_TEMPLATES);
