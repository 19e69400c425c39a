import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServedTempUi, servedTempUi, type TempUiContext } from "../testing/ui-test-kit.js";
import { UI_CSP } from "./guard.js";
import { startUi, type UiServer } from "./start-ui.js";
import { createUiApp } from "./ui-app.js";

let served: ServedTempUi;
let ui: TempUiContext;
let server: UiServer;

beforeAll(async () => {
  served = await servedTempUi();
  ({ ui, server } = served);
});
afterAll(() => served?.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(new URL(path, server.url), { headers, redirect: "manual" });

describe("breakfix ui server", () => {
  it("listens on loopback without a token and serves pages with a strict CSP", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await get("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toBe(UI_CSP);
    expect(UI_CSP).not.toMatch(/script-src[^;]*unsafe-inline/);
    const page = await res.text();
    expect(page).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect((await get("/static/app.js")).headers.get("content-type")).toMatch(/javascript/);
    expect((await get("/static/../package.json")).status).toBe(404);
  });

  it("the stylesheet is flat: no rule opens inside another (a lost brace would silently nest the rest)", async () => {
    const css = await (await get("/static/app.css")).text();
    let depth = 0;
    for (const ch of css.replace(/\/\*[\s\S]*?\*\//g, "")) {
      depth += ch === "{" ? 1 : ch === "}" ? -1 : 0;
      expect(depth).toBeGreaterThanOrEqual(0);
      expect(depth).toBeLessThanOrEqual(1);
    }
    expect(depth).toBe(0);
  });

  it("refuses a foreign Origin, a wrong Host and a text/plain POST", async () => {
    expect((await get("/", { origin: "https://evil.example" })).status).toBe(403);
    const { port } = server;
    // fetch will not forge Host; the app's handler sees exactly what a rebinding page would send.
    const app = createUiApp(ui, { policy: { hosts: new Set([`127.0.0.1:${port}`]) } });
    expect((await app.request("/", { headers: { host: `rebind.example:${port}` } })).status).toBe(403);
    const post = await fetch(new URL("/api/anything", server.url), {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "{}",
    });
    expect(post.status).toBe(415);
  });

  it("off loopback, requires the token on every request and trades the URL's token for a cookie", async () => {
    const app = createUiApp(ui, { policy: { hosts: undefined }, token: "s3cret-token" });
    const host = { host: "box.lan:4600" };
    expect((await app.request("http://box.lan:4600/", { headers: host })).status).toBe(401);
    expect((await app.request("http://box.lan:4600/?token=wrong", { headers: host })).status).toBe(401);
    const first = await app.request("http://box.lan:4600/?token=s3cret-token", { headers: host });
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe("/");
    const setCookie = first.headers.get("set-cookie") ?? "";
    // Scripts cannot read it and other sites' requests do not carry it.
    expect(setCookie).toMatch(/^breakfix_ui_token=s3cret-token;/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Strict/i);
    const cookie = setCookie.split(";")[0] as string;
    expect((await app.request("http://box.lan:4600/", { headers: { ...host, cookie } })).status).toBe(200);
    const bearer = { ...host, authorization: "Bearer s3cret-token" };
    expect((await app.request("http://box.lan:4600/", { headers: bearer })).status).toBe(200);
  });

  it("generates a token when asked to listen off loopback", async () => {
    const open = await startUi(ui, { host: "0.0.0.0", port: 0 });
    try {
      expect(open.token).toMatch(/^[\w-]{20,}$/);
      expect(open.url).toContain(`?token=${open.token}`);
      expect((await fetch(`http://127.0.0.1:${open.port}/`)).status).toBe(401);
    } finally {
      await open.close();
    }
  });
});
