import { describe, expect, it } from "vitest";
import type { Vulnerability } from "../../core/index.js";
import { openStore } from "../index.js";

const collapsed: Vulnerability = {
  id: "vuln-1",
  key: { harmArea: "cyber", technique: "direct", language: "en", turnDepth: "1" },
  scope: "c",
  round: 1,
  status: "collapsed",
  firstSeenRound: 0,
  lastBrokenRound: 0,
  severity: 0,
  prevalence: 0,
  attempts: 3,
  successes: 0,
  errors: 0,
  asr: 0,
  score: 0,
  findingIds: [],
};

describe("migration 4: collapsed status", () => {
  it("stores and lists a collapsed vulnerability", () => {
    const store = openStore(":memory:");
    store.vulnerabilities.replaceRound("c", 1, [collapsed]);
    expect(store.vulnerabilities.list({ status: "collapsed" }).map((v) => v.id)).toEqual(["vuln-1"]);
  });
});
