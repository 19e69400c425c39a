import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { checkRequest, type GuardPolicy } from "../../server/index.js";

/**
 * No inline script anywhere: pages load /static/*.js. Inline styles are allowed because the report's SVG
 * charts (reused here) carry style attributes; they cannot run code.
 */
export const UI_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const TOKEN_COOKIE = "breakfix_ui_token";

export interface GuardOptions {
  policy: GuardPolicy;
  /** Required on every request when set: `Authorization: Bearer`, the cookie, or `?token=` once. */
  token?: string;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Host/Origin/Content-Type checks, the token, and the security headers on every response. */
export function guard(options: GuardOptions): MiddlewareHandler {
  return async (c, next) => {
    const refused = checkRequest(
      {
        method: c.req.method,
        host: c.req.header("host"),
        origin: c.req.header("origin"),
        contentType: c.req.header("content-type"),
        fetchSite: c.req.header("sec-fetch-site"),
      },
      options.policy,
    );
    if (refused) return c.text(`breakfix ui: ${refused.reason}\n`, refused.status);
    const { token } = options;
    if (token !== undefined) {
      const bearer = c.req.header("authorization")?.replace(/^Bearer\s+/i, "");
      const query = c.req.query("token");
      const ok =
        sameToken(bearer, token) ||
        sameToken(getCookie(c, TOKEN_COOKIE), token) ||
        (c.req.method === "GET" && sameToken(query, token));
      if (!ok) return c.text("breakfix ui: a token is required (open the URL the command printed)\n", 401);
      if (query !== undefined) {
        // Trade the URL's token for a cookie and drop it from the address bar (and from history).
        const url = new URL(c.req.url);
        url.searchParams.delete("token");
        setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: "Strict", path: "/" });
        return c.redirect(url.pathname + url.search, 303);
      }
    }
    await next();
    c.header("content-security-policy", UI_CSP);
    c.header("x-content-type-options", "nosniff");
    c.header("referrer-policy", "no-referrer");
    c.header("x-frame-options", "DENY");
    c.header("cache-control", "no-store");
  };
}
