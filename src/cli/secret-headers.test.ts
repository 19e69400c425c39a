import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../../test/helpers/run-cli.js";
import { user } from "../core/index.js";
import { createModelResolver, OPENAI_DEFAULTS } from "../models/index.js";
import { type StubChatServer, startStubChatServer } from "../models/testing/stub-chat-server.js";

// Fake credentials in the formats of issue #19 item 4 (none is a real key).
const SK = "sk-proj-Zq8vN3kT5wX1rY7uB2mC9dF4";
const GHP = "ghp_Qa7Zx2Lm9Pk4Rt6Vw1Ys3Bn8Cd5Ef0Gh7Jk";
const AZURE_KEY = "3f9c1a7e5b2d4c8f9a0b1c2d3e4f5a6b";
const COOKIE = "session=Kx82Lq09Zt77Mv55Wb33Nc11Yd";
const BEARER = "Bearer abcDEF123ghiJKL456mno";

let stub: StubChatServer;
const dir = mkdtempSync(path.join(tmpdir(), "breakfix-secret-headers-"));
beforeAll(async () => {
  stub = await startStubChatServer({ keepRequests: true });
});
afterAll(async () => {
  await stub.close();
});

const configWith = (provider: string): string =>
  `providers:\n  stub:\n    baseUrl: ${stub.baseUrl}\n    maxRetries: 0\n${provider}`;
const cli = (argv: string[], env: Record<string, string> = {}) =>
  runCliCaptured(["--db", path.join(dir, "s.db"), ...argv], { cwd: dir, env });

describe("credentials in config headers are refused, never echoed (issue #19 item 4)", () => {
  const cases: [string, string, string, RegExp][] = [
    ["X-Custom", SK, SK, /headersFromEnv: \{X-Custom: X_CUSTOM_VALUE\}/],
    ["X-Auth-Token", GHP, GHP, /headersFromEnv: \{X-Auth-Token: X_AUTH_TOKEN_VALUE\}/],
    ["Cookie", `"${COOKIE}"`, COOKIE, /headersFromEnv: \{Cookie: COOKIE_VALUE\}/],
    ["ocp-apim-subscription-key", AZURE_KEY, AZURE_KEY, /apiKeyHeader: ocp-apim-subscription-key/],
    ["Authorization", `"${BEARER}"`, "abcDEF123ghiJKL456mno", /apiKeyEnv: MY_API_KEY/],
  ];
  for (const [header, yamlValue, secret, fix] of cases) {
    it(`${header}: config validate and config show exit 2 with one line and a fix, without the value`, async () => {
      const file = `${header}.yaml`;
      writeFileSync(path.join(dir, file), configWith(`    headers:\n      ${header}: ${yamlValue}\n`));
      for (const argv of [
        ["config", "validate", file],
        ["-c", file, "config", "show"],
        ["-c", file, "--json", "config", "show"],
      ]) {
        const r = await cli(argv);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stdout).toBe("");
        expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
        expect(r.stderr).toMatch(
          new RegExp(`^breakfix: ${file}:\\d+:\\d+: providers\\.stub\\.headers\\.`, "i"),
        );
        expect(r.stderr).toMatch(fix);
        expect(r.stderr).not.toContain(secret);
      }
    });
  }

  it("a plain header (a version, a route) is accepted and shown", async () => {
    writeFileSync(
      path.join(dir, "plain.yaml"),
      configWith('    headers:\n      api-version: "2024-10-21"\n      X-Team: safety\n'),
    );
    const r = await cli(["-c", "plain.yaml", "config", "show"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("X-Team: safety");
  });

  it("--set cannot smuggle one in either, and the value is hidden", async () => {
    const r = await cli(["--set", `providers.stub.headers.X-Custom=${SK}`, "config", "show"]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain(SK);
    expect(r.stderr).toContain("headersFromEnv");
  });

  it("a key in the base URL (user:password@ or ?api_key=) is refused without echoing it", async () => {
    for (const url of [
      `${stub.baseUrl}?api_key=${AZURE_KEY}`,
      stub.baseUrl.replace("//", `//u:${AZURE_KEY}@`),
    ]) {
      writeFileSync(path.join(dir, "url.yaml"), `providers:\n  stub:\n    baseUrl: "${url}"\n`);
      const r = await cli(["config", "validate", "url.yaml"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/providers\.stub\.baseUrl: the URL carries a credential/);
      expect(r.stderr).not.toContain(AZURE_KEY);
    }
  });
});

describe("headersFromEnv: credentials from the environment, redacted wherever they could land", () => {
  it("sends the value, shows only the variable's name, and keeps echoes out of the database", async () => {
    writeFileSync(
      path.join(dir, "env.yaml"),
      configWith("    headersFromEnv:\n      X-Auth-Token: GH_TOKEN\n      X-Custom: CUSTOM_TOKEN\n"),
    );
    const env = { GH_TOKEN: GHP, CUSTOM_TOKEN: "Plain-Value-Without-Format" };
    const shown = await cli(["-c", "env.yaml", "config", "show"], env);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain("X-Auth-Token: GH_TOKEN");
    expect(shown.stdout).not.toContain(GHP);
    const listed = await cli(["-c", "env.yaml", "models", "list"], env);
    expect(listed.stdout).toContain("headers: X-Auth-Token ($GH_TOKEN, set), X-Custom ($CUSTOM_TOKEN, set)");
    expect(listed.stdout).not.toContain(GHP);

    // A server that echoes every request header back in its reply, plus a key of its own.
    stub.setHandler((r) => ({ reply: `headers: ${JSON.stringify(r.headers)} mine: ${SK}` }));
    const tasks = path.join(dir, "tasks.jsonl");
    writeFileSync(tasks, `${JSON.stringify({ prompt: "hello", expected: "x" })}\n`);
    const argv = ["-c", "env.yaml", "-q", "bench", "run", "capability", "--model", "stub:m"];
    const run = await cli([...argv, "--capability-file", tasks, "--no-breakdowns"], env);
    expect(run.code, run.stderr).toBe(0);
    const sent = stub.requests.at(-1)?.headers;
    expect(sent?.["x-auth-token"]).toBe(GHP);
    expect(sent?.["x-custom"]).toBe(env.CUSTOM_TOKEN);

    const db = path.join(dir, "s.db");
    const stored = [db, `${db}-wal`]
      .filter((f) => statSync(f, { throwIfNoEntry: false }))
      .map((f) => readFileSync(f).toString("latin1"))
      .join("");
    expect(stored).toContain("[REDACTED]");
    for (const secret of [GHP, env.CUSTOM_TOKEN, SK]) expect(stored).not.toContain(secret);
    expect(run.stdout + run.stderr).not.toContain(GHP);
  });

  it("a variable that is not set is a recorded auth failure naming it, not an empty header", async () => {
    writeFileSync(
      path.join(dir, "unset.yaml"),
      configWith("    headersFromEnv:\n      X-Auth-Token: NOT_SET\n"),
    );
    const r = await cli(["-c", "unset.yaml", "models", "check", "stub:m"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("NOT_SET");
  });

  it("the response cache is keyed on the headers, and stores none of them", async () => {
    const cacheDir = path.join(dir, "cache");
    stub.setHandler((r) => ({ reply: `route ${String(r.headers["x-route"])}` }));
    const ask = async (route: string, token: string) => {
      const resolver = createModelResolver(
        {
          providers: {
            stub: {
              ...OPENAI_DEFAULTS,
              baseUrl: stub.baseUrl,
              apiKeyEnv: undefined,
              headers: { "x-route": route },
              headersFromEnv: { "X-Auth-Token": "TOKEN" },
            },
          },
          cacheDir,
          cache: true,
        },
        { env: { TOKEN: token } },
      );
      const result = await resolver.resolve("stub:m").generate([user("hello")], { temperature: 0 });
      await resolver.close();
      return result.ok ? result.text : result.error.message;
    };
    const before = stub.hits;
    expect(await ask("blue", GHP)).toBe("route blue");
    expect(await ask("blue", GHP)).toBe("route blue");
    expect(stub.hits - before).toBe(1);
    // Another routing header, or another token sent in a header, is another request.
    expect(await ask("green", GHP)).toBe("route green");
    expect(await ask("green", `${GHP}x`)).toBe("route green");
    expect(stub.hits - before).toBe(3);
    const files = (readdirSync(path.join(cacheDir, "responses"), { recursive: true }) as string[])
      .map((f) => path.join(cacheDir, "responses", f))
      .filter((f) => statSync(f).isFile());
    expect(files.length).toBe(3);
    for (const f of files) expect(readFileSync(f, "utf8")).not.toMatch(/ghp_|X-Auth|x-route/i);
  });
});
