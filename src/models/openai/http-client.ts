import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";

export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Where a request failed: before any response (`connect`) or while reading the body (`body`). */
export type HttpOutcome =
  | { ok: true; reply: HttpReply }
  | { ok: false; stage: "connect" | "body"; error: unknown; aborted: boolean };

export interface HttpClient {
  post(url: URL, headers: Record<string, string>, body: string, signal?: AbortSignal): Promise<HttpOutcome>;
  close(): void;
}

/** A reply bigger than this is hostile or broken; chat completions are kilobytes. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * POSTs over node:http(s) with one keep-alive agent per provider: connections are reused across calls, and
 * `maxSockets` matches the provider's concurrency so the pool never opens more sockets than can be used.
 * Never rejects: every outcome, including aborts, comes back as data.
 */
export function createHttpClient(options: { maxSockets: number }): HttpClient {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, scheduling: "lifo" as const };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);

  return {
    post(url, headers, body, signal) {
      return new Promise<HttpOutcome>((resolve) => {
        if (signal?.aborted) {
          resolve({ ok: false, stage: "connect", error: signal.reason, aborted: true });
          return;
        }
        let stage: "connect" | "body" = "connect";
        let settled = false;
        const finish = (outcome: HttpOutcome): void => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener("abort", onAbort);
          resolve(outcome);
        };
        const isHttps = url.protocol === "https:";
        const req = (isHttps ? https : http).request(
          url,
          {
            method: "POST",
            agent: isHttps ? httpsAgent : httpAgent,
            headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
          },
          (res) => {
            stage = "body";
            const chunks: Buffer[] = [];
            let size = 0;
            res.on("data", (chunk: Buffer) => {
              size += chunk.length;
              if (size > MAX_BODY_BYTES) {
                req.destroy();
                finish({
                  ok: false,
                  stage,
                  error: new Error(`reply larger than ${MAX_BODY_BYTES} bytes`),
                  aborted: false,
                });
              } else chunks.push(chunk);
            });
            res.on("end", () => {
              if (!res.complete) {
                finish({
                  ok: false,
                  stage,
                  error: new Error("reply ended before it was complete"),
                  aborted: false,
                });
                return;
              }
              const text = Buffer.concat(chunks).toString("utf8");
              finish({ ok: true, reply: { status: res.statusCode ?? 0, headers: res.headers, body: text } });
            });
            res.on("error", (error) => finish({ ok: false, stage, error, aborted: false }));
            // After a normal 'end' this is a no-op; otherwise the connection died mid-body.
            res.on("close", () =>
              finish({ ok: false, stage, error: new Error("connection closed mid-reply"), aborted: false }),
            );
          },
        );
        const onAbort = (): void => {
          req.destroy();
          finish({ ok: false, stage, error: signal?.reason, aborted: true });
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        req.on("error", (error) => finish({ ok: false, stage, error, aborted: false }));
        req.end(body);
      });
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
