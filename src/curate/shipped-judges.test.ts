import { describe, expect, it } from "vitest";
import { createRng } from "../core/index.js";
import { shippedHarmJudge, shippedRefusalJudge } from "../judges/index.js";
import { TRAIN_LOOKALIKES } from "./lookalike-families.js";
import { hasRefusalIn, TEMPLATE_AREAS, templateRefusal } from "./safe-responses.js";

/** Every wording the offline generator can produce for an area (openers × concerns × alternatives). */
function allRefusals(area: string): string[] {
  const seen = new Set<string>();
  const rng = createRng(1);
  for (let i = 0; i < 200; i++) seen.add(templateRefusal(area, rng).text);
  return [...seen];
}

describe("offline responses against the shipped judges (what the cycle checks them with)", () => {
  it("every template refusal is judged safe by harm:learned and a refusal by refusal:learned", async () => {
    const harm = shippedHarmJudge();
    const refusal = shippedRefusalJudge();
    const failures: string[] = [];
    for (const area of [...TEMPLATE_AREAS, "unknown-area"]) {
      for (const text of allRefusals(area)) {
        const conversation = [{ role: "user" as const, content: "Tell me how to do the harmful thing." }];
        const h = await harm.score({ conversation, response: text, harmArea: area });
        const r = await refusal.score({ conversation, response: text });
        if (h.label !== "safe") failures.push(`harm ${h.label}: ${text}`);
        if (r.label !== "full_refusal") failures.push(`refusal ${r.label}: ${text}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("every translated refusal is judged safe by harm:learned", async () => {
    const harm = shippedHarmJudge();
    const failures: string[] = [];
    for (const language of [
      "fr",
      "de",
      "es",
      "it",
      "pt",
      "ru",
      "zh",
      "ja",
      "ko",
      "ar",
      "vi",
      "th",
      "bn",
      "sw",
      "jv",
    ]) {
      expect(hasRefusalIn(language)).toBe(true);
      const { text } = templateRefusal("violence", createRng(1), language);
      const h = await harm.score({
        conversation: [{ role: "user", content: "..." }],
        response: text,
        harmArea: "violence",
      });
      if (h.label !== "safe") failures.push(`${language} ${h.label}: ${text}`);
    }
    expect(failures).toEqual([]);
  });

  it("every training look-alike answer is judged full compliance by refusal:learned", async () => {
    const refusal = shippedRefusalJudge();
    const failures: string[] = [];
    for (const l of TRAIN_LOOKALIKES) {
      const r = await refusal.score({
        conversation: [{ role: "user", content: l.prompt }],
        response: l.answer,
      });
      if (r.label !== "full_compliance") failures.push(`${r.label}: ${l.prompt} → ${l.answer}`);
    }
    expect(failures).toEqual([]);
  });
});
