import http, { type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** What the stub does with one request. */
export type StubAction =
  | { reply: string; delayMs?: number }
  | { status: number; body?: string; headers?: Record<string, string> }
  | { hang: true }
  | { truncate: true }
  | { raw: string };

export interface StubRequest {
  /** 1-based arrival number. */
  n: number;
  /** Path and query, e.g. `/v1/chat/completions?api-version=1`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface StubChatServer {
  /** Base URL to configure as `baseUrl` (ends in `/v1`). */
  readonly baseUrl: string;
  readonly hits: number;
  readonly peakInFlight: number;
  /** Starts peak measurement afresh. */
  resetPeak(): void;
  /** Requests received (only when created with `keepRequests`). */
  readonly requests: readonly StubRequest[];
  /** Decides the action per request; default: a 200 completion echoing the last user message. */
  setHandler(handler: (request: StubRequest) => StubAction): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 (random port) speaking `/v1/chat/completions`, injecting faults per
 * request: status codes with headers, hangs, truncated bodies, raw non-JSON. For tests and benchmarks.
 */
export async function startStubChatServer(options: { keepRequests?: boolean } = {}): Promise<StubChatServer> {
  let handler: (request: StubRequest) => StubAction = (r) => ({ reply: `echo: ${lastUserContent(r.body)}` });
  let hits = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  const requests: StubRequest[] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      hits++;
      inFlight++;
      peakInFlight = Math.max(peakInFlight, inFlight);
      let done = false;
      const settle = (): void => {
        if (!done) inFlight--;
        done = true;
      };
      res.on("close", settle);
      const request: StubRequest = {
        n: hits,
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      if (options.keepRequests) requests.push(request);
      const action = handler(request);
      if ("hang" in action) return;
      if ("truncate" in action) {
        res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
        res.write('{"choices":[{"message":{"content":"par');
        setImmediate(() => res.socket?.destroy());
        return;
      }
      if ("raw" in action) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(action.raw);
        return;
      }
      if ("status" in action) {
        res.writeHead(action.status, { "content-type": "application/json", ...action.headers });
        res.end(action.body ?? JSON.stringify({ error: { message: `stub status ${action.status}` } }));
        return;
      }
      const send = (): void => {
        const body = completionBody(action.reply);
        res.writeHead(200, {
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
        });
        res.end(body);
      };
      if (action.delayMs) setTimeout(send, action.delayMs);
      else send();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    get hits() {
      return hits;
    },
    get peakInFlight() {
      return peakInFlight;
    },
    resetPeak() {
      peakInFlight = inFlight;
    },
    requests,
    setHandler(h) {
      handler = h;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export function completionBody(text: string): string {
  return JSON.stringify({
    id: "chatcmpl-stub",
    object: "chat.completion",
    model: "stub-model",
    choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
    usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 },
  });
}

function lastUserContent(body: string): string {
  try {
    const messages =
      (JSON.parse(body) as { messages?: Array<{ role: string; content: string }> }).messages ?? [];
    return messages.filter((m) => m.role === "user").at(-1)?.content ?? "";
  } catch {
    return "";
  }
}
