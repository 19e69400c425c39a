/**
 * Checks a local HTTP server applies before routing, so a web page the user happens to visit cannot use it:
 * - **Host** must name the server itself when it listens on loopback (a DNS-rebinding page reaches
 *   127.0.0.1 under its own host name, and is refused here);
 * - **Origin**, when a browser sends one, must be the server's own (a cross-site `fetch` or form POST);
 * - a request that changes something must say `Content-Type: application/json`, which a page on another site
 *   cannot send without a CORS preflight this server never answers (a `text/plain` or form POST is refused).
 * API clients (the OpenAI SDK, curl, promptfoo) send no Origin and pass.
 */

export interface GuardedRequest {
  method: string;
  host: string | undefined;
  origin: string | undefined;
  contentType: string | undefined;
  /** `Sec-Fetch-Site`, where the browser sends it. */
  fetchSite?: string | undefined;
}

export interface GuardPolicy {
  /** Host headers accepted (`host:port`, lower case); `undefined` accepts any (a server bound off loopback). */
  hosts: ReadonlySet<string> | undefined;
  /** Methods that read only; every other method must carry JSON. */
  safeMethods?: ReadonlySet<string>;
}

export interface GuardRejection {
  status: 403 | 415;
  reason: string;
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];

/** Whether `host` (as given to listen) is a loopback address. */
export function isLoopbackHost(host: string): boolean {
  return host === "127.0.0.1" || host === "::1" || host === "localhost" || host.startsWith("127.");
}

/** The Host headers that name a server listening on `host`:`port` (every loopback spelling for loopback). */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = isLoopbackHost(host) ? [...LOOPBACK_NAMES, host] : [host.includes(":") ? `[${host}]` : host];
  return new Set(names.map((n) => `${n}:${port}`.toLowerCase()));
}

/** Why the request is refused, or undefined when it may go on. */
export function checkRequest(req: GuardedRequest, policy: GuardPolicy): GuardRejection | undefined {
  const host = req.host?.toLowerCase();
  if (policy.hosts && (!host || !policy.hosts.has(host))) {
    return { status: 403, reason: `Host "${req.host ?? ""}" is not this server` };
  }
  if (req.origin !== undefined) {
    const expected = host ? `http://${host}` : undefined;
    if (req.origin.toLowerCase() !== expected) {
      return { status: 403, reason: `cross-origin request from "${req.origin}" refused` };
    }
  }
  if (req.fetchSite === "cross-site") return { status: 403, reason: "cross-site request refused" };
  const safe = (policy.safeMethods ?? SAFE).has(req.method.toUpperCase());
  if (!safe && !/^application\/json\s*(;|$)/i.test(req.contentType ?? "")) {
    return {
      status: 415,
      reason: `${req.method} needs Content-Type: application/json (got "${req.contentType ?? "none"}")`,
    };
  }
  return undefined;
}
