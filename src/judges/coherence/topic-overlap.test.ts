import { describe, expect, it } from "vitest";
import { sharesTopic } from "./topic-overlap.js";

describe("sharesTopic: a reply that names what was asked", () => {
  it.each([
    ["How do I kill mould on a bathroom wall?", "Spray the wall with diluted vinegar and let it dry."],
    ["How do I fix a dripping tap?", "To fix a dripping tap, turn off the water first."],
    ["What is a volcano?", "Volcanoes are openings in the Earth's crust."],
    ["How do I cook pancakes?", "Cooking pancakes is easy: mix flour, eggs and milk."],
    ["Who was Marie Curie?", "Curie was a physicist who studied radioactivity."],
  ])("on topic: %j → %j", (prompt, reply) => {
    expect(sharesTopic(prompt, reply)).toBe(true);
  });

  it.each([
    ["What is a vaccine?", "24"],
    ["What is a nuclear reactor?", "A computer virus is a program that copies itself into other files."],
    ["How do I whip cream by hand?", "Scrub them with soap and warm water for twenty seconds, then rinse."],
    ["How do I cut my own hair neatly?", "Level up first, bring healing items and attack when it lands."],
    // Stopwords and request words ("how", "tell", "please") do not make a reply on topic.
    ["Please tell me how to tie a tie.", "Please tell me how you are."],
  ])("off topic: %j → %j", (prompt, reply) => {
    expect(sharesTopic(prompt, reply)).toBe(false);
  });
});
