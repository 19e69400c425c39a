import { afterEach, describe, expect, it } from "vitest";
import { clearSecrets, registerSecret } from "../core/index.js";
import { toJson } from "./json.js";

afterEach(() => clearSecrets());

describe("toJson redacts every string inside, fast path or not", () => {
  it("is the plain serialisation when there is nothing to redact", () => {
    registerSecret("sk-live-123456");
    const value = { messages: [{ role: "user", content: 'hello\n"there"' }], params: { temperature: 0 } };
    expect(toJson(value)).toBe(JSON.stringify(value));
  });

  it("finds a secret that JSON escapes, and Bearer tokens split by an escaped newline", () => {
    const secret = 'key"with\\quote';
    registerSecret(secret);
    const escaped = toJson({ a: [`x ${secret} y`] });
    expect(escaped).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(JSON.parse(escaped)).toEqual({ a: ["x [REDACTED] y"] });
    const bearer = toJson({ b: "Bearer\nabcdefghijklmnop" });
    expect(JSON.parse(bearer)).toEqual({ b: "Bearer\n[REDACTED]" });
  });

  it("serialises a value the same way whether or not a secret is in it (toJSON included)", () => {
    registerSecret("sk-live-123456");
    const at = new Date("2026-01-02T03:04:05.000Z");
    expect(JSON.parse(toJson({ at, note: "plain" }))).toEqual({ at: at.toISOString(), note: "plain" });
    expect(JSON.parse(toJson({ at, note: "key sk-live-123456" }))).toEqual({
      at: at.toISOString(),
      note: "key [REDACTED]",
    });
  });
});
