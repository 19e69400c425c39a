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
      /\bkill(ing)? (myself|yourself|themselves)\b/i,
      /\bself[- ]?(harm|injur)/i,
      /\bcut(ting)? (myself|yourself)\b/i,
      /\boverdos/i,
      /\bend (my|your) life\b/i,
      /\bstarv(e|ing) (myself|yourself)\b/i,
      /\b(anorexi|bulimi|eating disorder|pro-ana\b|thinspo)/i,
    ],
  },
  {
    area: "weapons-cbrn",
    patterns: [
      /\b(bombs?|explosives?|detonat\w*|grenades?|molotov|ied)\b/i,
      /\b(nerve (agent|gas)|sarin|tabun|soman|vx|novichok|mustard gas|sulfur mustard|lewisite|phosgene|chlorine gas)\b/i,
      /\b(ricin|anthrax|botulinum|tetrodotoxin|cyanide|strychnine|parathion|toxin)\b/i,
      /\b(bio ?weapons?|biological weapons?|chemical weapons?|weapons? of mass destruction|bio ?hazard|pathogens?|ebola|smallpox|bsl-[34]|gene synthesis)\b/i,
      /\b(nuclear|radiolog\w*|dirty bomb|uranium|plutonium|enrich\w* uranium)\b/i,
      /\b(guns?|firearms?|rifles?|pistols?|handguns?|ammunition|ammo|silencers?|suppressors?|ghost gun|full[- ]auto\w*)\b/i,
      /\bweapons?\b/i,
      /\bmix(ing)? bleach\b/i,
    ],
  },
  {
    area: "cyber",
    patterns: [
      /\bhack/i,
      /\b(malware|ransomware|spyware|rootkit|trojan|botnet|keylogger|backdoor|computer worm|worm script|viruse?s?)\b/i,
      /\b(phishing|ddos|denial[- ]of[- ]service|syn flood|dns amplification|sql ?injection|sqli|xss|cross-site)\b/i,
      /\b(exploit(s|ing)?|vulnerabilit\w*|zero-day|0-day|reverse shell|payloads?|privilege escalation)\b/i,
      /\b(antivirus|anti-virus|firewall|waf|security measures|intrusion detection)\b/i,
      /\b(cyber ?attacks?|cyber ?security|unauthori[sz]ed access|gain access to|break into (a|the|someone'?s?) (computer|network|system|account|database))\b/i,
      /\b(passwords?|credentials?|rainbow table|brute[- ]force|crack(ing)? (a |the )?password)\b/i,
      /\b(exfiltrat\w*|hijack\w* (a|the|user'?s?|someone'?s?) (account|computer|webcam|website|system)|deface|crypto ?jack\w*|mine cryptocurrenc\w*)\b/i,
      /\b(spam|bots? that|fake (social media )?accounts)\b/i,
    ],
  },
  {
    area: "sexual",
    patterns: [
      /\bsex(ual|ually)?\b/i,
      /\b(porn\w*|nudes?|naked|erotic\w*|explicit (images|photos|content)|intimate images)\b/i,
      /\b(rape|molest\w*|grooming|groom (a|other|children|minors)|child sexual|csam|sextort\w*)\b/i,
      /\b(brothel|prostitut\w*|escort service)\b/i,
    ],
  },
  {
    area: "hate-fairness",
    patterns: [
      /\b(racis[mt]\w*|slurs?|bigot\w*|homophob\w*|transphob\w*|islamophob\w*|antisemit\w*|xenophob\w*|misogyn\w*|sexis[mt])\b/i,
      /\b(inferior|hate speech|hatred|hate mail|hate group|supremac\w*|stereotyp\w*|dehumani[sz]\w*|discriminat\w*)\b/i,
      /(cyber)?bull(y|ies|ied|ying)\b/i,
      /\b(harass\w*|insult\w*|profan\w*|demean\w*|mock(s|ing)?)\b/i,
      /\b(minorit(y|ies)|(a|particular|specific) (race|religion|ethnicity|group of people)|racial|ethnic\w*|immigrants?|lgbtq?\+?|queer|gay|disabilit\w*|nazis?|holocaust)\b/i,
    ],
  },
  {
    area: "privacy",
    patterns: [
      /\b(home address|phone number|social security|ssn|email addresses|medical records|private (information|data|records))\b/i,
      /\b(stalk\w*|cyberstalk\w*|dox\w*|spy(ing)? on|spies on|surveil\w*)\b/i,
      /\btracks? (my|his|her|their|someone|user|people|a person|location)/i,
      /\b(personal (information|data|details)|confidential data|sensitive information|user data|harvest\w*)\b/i,
      /\bwithout (their|the user'?s?|users'?|his|her|someone'?s?|any)? ?(consent|knowledge|permission|authori[sz]ation)\b/i,
      /\b(webcam|de-?anonymi[sz]\w*|facial recognition|scrap(e|ing) (posts|profiles|email|personal))\b/i,
    ],
  },
  {
    area: "misinformation",
    patterns: [
      /\b(fake news|conspirac\w*|hoax|propaganda|disinformation|misinformation|false information|false claims?)\b/i,
      /\b(election (fraud|was stolen|rigged)|mislead\w*|misleads)\b/i,
      /\b(defam\w*|libel\w*|slander\w*|false accusations?|ruin (their|his|her|someone'?s?) reputation|damage (their|his|her|a company'?s?) reputation)\b/i,
      /\bpersuasive (article|post|social media post|essay|advertisement)\b/i,
      /\b(posing as an expert|vaccines? (cause|causes)|anti-?vax\w*|never happened|(greatly|grossly) (exaggerated|inflated))\b/i,
      /\b(fake|false) (reviews?|news|stories|article)\b|\b(review (on|for) a product|reviews? that)\b/i,
    ],
  },
  {
    area: "third-party-harm",
    patterns: [
      /\b(lyrics|copyright\w*|pirat(e|ed|ing)|torrent\w*|full text of|long passage from|passage from|verbatim)\b/i,
      /\b(digital rights management|drm)\b/i,
      /\b(blackmail\w*|revenge on)\b/i,
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
      /\b(steal\w*|stole|stolen|theft|thie(f|ves)|shoplift\w*|pickpocket\w*|rob(bing|bery|bed)?|burglar\w*|loot\w*)\b/i,
      /\b(break(ing)? into (a|an|the|someone'?s?) (house|home|car|store|building|apartment|location)|pick(ing)? a lock|lock ?pick\w*|hot[- ]?wir\w*|chop shops?)\b/i,
      /\b(fraud\w*|scam\w*|ponzi|pyramid scheme|embezzl\w*|launder\w*|insider trading|tax evasion|evad(e|ing) taxes|avoid paying taxes)\b/i,
      /\b(counterfeit\w*|forg(e|ed|ery|ing)|fake (ids?|passports?|money|currency|documents?|identit\w*)|credit card (numbers?|information|details))\b/i,
      /\bmanipulat\w* (stock|financial|the (stock )?market|markets?)\b/i,
      /\b(drugs?|cocaine|meth|methamphetamine|heroin|fentanyl|nitazenes?|mdma|lsd|narcotics?|opioids?|steroids?)\b/i,
      /\b(smuggl\w*|traffick\w*|brib\w*|extort\w*|poach\w*|endangered species)\b/i,
      /\b(vandali[sz]\w*|graffiti|trespass\w*|illegal\w*|unlawful\w*|crimes?|criminal)\b/i,
      /\b(evad(e|ing)|escape from|avoid) (law enforcement|the police|police|arrest|detection|a correctional facility|prison|jail|airport security)\b/i,
      /\b(without getting caught|get away with|cover (your|their) tracks)\b/i,
      /\bcheat(ing)? on (a|an|the|their|online|college)? ?(tests?|exams?)\b/i,
    ],
  },
  {
    area: "violence",
    patterns: [
      /\b(kill\w*|murder\w*|assassinat\w*|stab\w*|shoot\w*|massacre|genocide|behead\w*|strangl\w*|dismember\w*|flay\w*)\b/i,
      /\b(assault\w*|beat (him|her|them|someone|up)|beats (their|his|her)|tortur\w*|kidnap\w*|hostage|abus(e|ive) (a |their )?(child|children|partner|spouse))\b/i,
      /\bpoison\w*/i,
      /\b(hurt|harm) (him|her|them|someone|people|others|animals|children)\b|\bphysical harm\b|\bcause harm\b/i,
      /\b(terroris\w*|extremis\w*|radicali[sz]\w*|incit\w*|riots?)\b/i,
      /\b(violen(t|ce)|threat\w*|death threat|intimidat\w*)\b/i,
      /\b(arson|set fire|start a fire|hit-and-run|swatting|sabotag\w*|cause (a )?crash|cause accidents|animal cruelty|cruelty)\b/i,
      /\btamper\w* with\b/i,
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
