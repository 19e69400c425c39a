import { describe, expect, it } from "vitest";
import { isCredentialHeaderName, looksLikeSecretValue, redactKeyFormats } from "./credentials.js";
import { mayHoldSecret, redactSecrets } from "./secrets.js";

describe("what looks like a credential", () => {
  it.each([
    "sk-proj-Zq8vN3kT5wX1rY7uB2mC9dF4",
    "sk-ant-api03-Zq8vN3kT5wX1rY7uB2mC9dF4",
    "ghp_Qa7Zx2Lm9Pk4Rt6Vw1Ys3Bn8Cd5Ef0Gh7Jk",
    "github_pat_11ABCDEFG0123456789_abcdefghijklmnop",
    "glpat-Ab3dE6gH9jK2mN5pQ8sT",
    "xoxb-1234567890-abcdefghij",
    "hf_Zq8vN3kT5wX1rY7uB2mC9dF4aa",
    "AKIAIOSFODNN7EXAMPLE",
    "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    "Bearer abcDEF123ghiJKL456mno",
    "Basic dXNlcjpwYXNzd29yZA==",
    "3f9c1a7e5b2d4c8f9a0b1c2d3e4f5a6b",
    "x7Kp9Qm2Lr5Tn8Vw3Zy6",
  ])("%s is a secret", (value) => {
    expect(looksLikeSecretValue(value)).toBe(true);
  });

  it.each([
    "2024-10-21",
    "2024-10-21-preview",
    "safety",
    "application/json",
    "meta-llama/Llama-3.1-8B-Instruct",
    "123e4567-e89b-12d3-a456-426614174000",
    "v1.2.3-beta.4+build.567",
    "Mozilla/5.0 (X11; Linux x86_64)",
    "abcdefghijklmnopqrstuvwxyz",
    "a skeleton key opens the door",
  ])("%s is not", (value) => {
    expect(looksLikeSecretValue(value)).toBe(false);
  });

  it("names credential headers by name or by a credential word in them", () => {
    const yes = [
      "Authorization",
      "Cookie",
      "X-Auth-Token",
      "ocp-apim-subscription-key",
      "X-Api-Key",
      "X-Session-Id",
    ];
    const no = [
      "api-version",
      "X-Team",
      "x-route",
      "X-Request-Id",
      "OpenAI-Organization",
      "X-Monkey",
      "keep-alive",
    ];
    expect(yes.filter(isCredentialHeaderName)).toEqual(yes);
    expect(no.filter(isCredentialHeaderName)).toEqual([]);
  });

  it("redacts keys in a known format from any text, registered or not", () => {
    const text =
      'echo {"x-auth-token":"ghp_Qa7Zx2Lm9Pk4Rt6Vw1Ys3Bn8Cd5Ef0Gh7Jk"} and sk-proj-Zq8vN3kT5wX1rY7uB2mC9dF4.';
    expect(mayHoldSecret(text)).toBe(true);
    expect(redactSecrets(text)).toBe('echo {"x-auth-token":"[REDACTED]"} and [REDACTED].');
    expect(redactKeyFormats("no key here: sk-short")).toBe("no key here: sk-short");
    expect(mayHoldSecret("no key here: sk-short")).toBe(false);
  });
});
