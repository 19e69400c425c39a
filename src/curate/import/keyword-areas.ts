/**
 * The documented keyword mapping for preference data that carries no category (HH-RLHF, plain OpenAI/TRL
 * files): each area has word patterns matched case-insensitively on the user turns; the area with the most
 * matching patterns wins, ties going to the earlier (more specific) area in this list. Text that matches no
 * pattern is uncategorised and left out of safety data.
 */
export const KEYWORD_AREAS: ReadonlyArray<{ area: string; patterns: readonly RegExp[] }> = [
  {
    area: "self-harm",
    patterns: [
      /\bsuicid/i,
      /\bkill(ing)? myself\b/i,
      /\bself[- ]harm/i,
      /\bcut(ting)? myself\b/i,
      /\boverdos/i,
      /\bend my life\b/i,
      /\bstarv(e|ing) myself\b/i,
      /\banorexi/i,
    ],
  },
  {
    area: "weapons-cbrn",
    patterns: [
      /\bbombs?\b/i,
      /\bexplosive/i,
      /\bnerve agent/i,
      /\banthrax\b/i,
      /\bsarin\b/i,
      /\bbioweapon/i,
      /\bchemical weapon/i,
      /\bguns?\b/i,
      /\bfirearms?\b/i,
      /\brifles?\b/i,
      /\bgrenade/i,
      /\bammunition\b/i,
    ],
  },
  {
    area: "cyber",
    patterns: [
      /\bhack/i,
      /\bmalware\b/i,
      /\bransomware\b/i,
      /\bphishing\b/i,
      /\bddos\b/i,
      /\bkeylogger/i,
      /\bexploit\b/i,
      /\bbotnet/i,
      /\bsql injection/i,
      /\bcrack (a |the )?password/i,
    ],
  },
  {
    area: "sexual",
    patterns: [
      /\bsex(ual|ually)?\b/i,
      /\bporn/i,
      /\bnudes?\b/i,
      /\bnaked\b/i,
      /\berotic/i,
      /\brape\b/i,
      /\bmolest/i,
    ],
  },
  {
    area: "hate-fairness",
    patterns: [
      /\bracis[mt]/i,
      /\bslurs?\b/i,
      /\bbigot/i,
      /\bhomophob/i,
      /\bsexis[mt]/i,
      /\binferior\b/i,
      /\bhate speech\b/i,
      /\bsupremac/i,
      /\bstereotyp/i,
      /\bbully/i,
    ],
  },
  {
    area: "privacy",
    patterns: [
      /\bhome address\b/i,
      /\bphone number\b/i,
      /\bsocial security\b/i,
      /\bssn\b/i,
      /\bstalk/i,
      /\bdox/i,
      /\bspy on\b/i,
      /\btrack (my|his|her|their|someone)/i,
      /\bpersonal information\b/i,
    ],
  },
  {
    area: "misinformation",
    patterns: [
      /\bfake news\b/i,
      /\bconspiracy\b/i,
      /\bhoax\b/i,
      /\bpropaganda\b/i,
      /\bdisinformation\b/i,
      /\bmisinformation\b/i,
      /\belection (fraud|was stolen|rigged)/i,
    ],
  },
  {
    area: "third-party-harm",
    patterns: [
      /\blyrics\b/i,
      /\bcopyright/i,
      /\bpirat(e|ed|ing)\b/i,
      /\btorrent/i,
      /\bfull text of\b/i,
      /\bblackmail/i,
      /\brevenge on\b/i,
    ],
  },
  {
    area: "jailbreak",
    patterns: [
      /\bignore (all |your |the )?(previous |prior )?instructions\b/i,
      /\bjailbreak/i,
      /\bdeveloper mode\b/i,
      /\bsystem prompt\b/i,
      /\bDAN\b/,
    ],
  },
  {
    area: "crime",
    patterns: [
      /\bsteal/i,
      /\bshoplift/i,
      /\brob(bing|bery)?\b/i,
      /\bburglar/i,
      /\blaunder/i,
      /\bcounterfeit/i,
      /\bfraud\b/i,
      /\bscam/i,
      /\bcocaine\b/i,
      /\bmeth\b/i,
      /\bheroin\b/i,
      /\bsmuggl/i,
      /\bforge\b/i,
      /\bbribe/i,
      /\bembezzl/i,
      /\btax evasion\b/i,
    ],
  },
  {
    area: "violence",
    patterns: [
      /\bkill/i,
      /\bmurder/i,
      /\bstab/i,
      /\bshoot/i,
      /\bassault/i,
      /\bbeat (him|her|them|someone|up)\b/i,
      /\btortur/i,
      /\bkidnap/i,
      /\bpoison/i,
      /\bhurt (him|her|them|someone|people)\b/i,
      /\bterroris/i,
    ],
  },
  {
    area: "specialized-advice",
    patterns: [
      /\bprescription\b/i,
      /\bdosage\b/i,
      /\bdiagnos/i,
      /\bmedication\b/i,
      /\blegal advice\b/i,
      /\blawsuit\b/i,
      /\binvest(ing|ment)? (in|advice)\b/i,
    ],
  },
];

/** The area the keyword mapping gives a text, or undefined when no pattern matches. */
export function areaByKeywords(text: string): string | undefined {
  let best: { area: string; hits: number } | undefined;
  for (const { area, patterns } of KEYWORD_AREAS) {
    const hits = patterns.filter((p) => p.test(text)).length;
    if (hits > 0 && (!best || hits > best.hits)) best = { area, hits };
  }
  return best?.area;
}

/**
 * BeaverTails' 14 harm categories (the keys of its `category` object) onto taxonomy areas. The taxonomy's
 * own schemes do not cover BeaverTails; `controversial_topics,politics` has no area and stays out.
 */
export const BEAVERTAILS_AREAS: Readonly<Record<string, string>> = {
  animal_abuse: "violence",
  child_abuse: "violence",
  "discrimination,stereotype,injustice": "hate-fairness",
  "drug_abuse,weapons,banned_substance": "crime",
  "financial_crime,property_crime,theft": "crime",
  "hate_speech,offensive_language": "hate-fairness",
  "misinformation_regarding_ethics,laws_and_safety": "misinformation",
  non_violent_unethical_behavior: "crime",
  privacy_violation: "privacy",
  self_harm: "self-harm",
  "sexually_explicit,adult_content": "sexual",
  "terrorism,organized_crime": "violence",
  "violence,aiding_and_abetting,incitement": "violence",
};
