import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ChatModel } from "../core/index.js";
import { ApiError, invalidRequest, sendError, sendJson } from "./api-error.js";
import { chatCompletions, type EndpointInput, servedModel, textCompletions } from "./endpoints.js";
import { allowedHosts, checkRequest, type GuardPolicy, isLoopbackHost } from "./request-guard.js";

const ENDPOINTS: Record<string, (input: EndpointInput) => Promise<number>> = {
  "/v1/chat/completions": chatCompletions,
  "/v1/completions": textCompletions,
};

export interface ChatServerOptions {
  /** The models served, by the id clients send in `model`. */
  models: ReadonlyMap<string, ChatModel>;
  /** Loopback by default: exposing a model to the network is an explicit choice. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Larger request bodies get a 413 (default 1 MiB). */
  maxBodyBytes?: number;
  /** One line per request (method, path, status, ms); default none. */
  log?: (line: string) => void;
}

export interface ChatServer {
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections, lets requests in flight finish (aborting them after `graceMs`). */
  close(graceMs?: number): Promise<void>;
}

const DEFAULT_MAX_BODY = 1024 * 1024;

/**
 * An OpenAI-compatible HTTP server over ChatModels: `POST /v1/chat/completions` and `/v1/completions`
 * (streamed or whole, n choices, logprobs), `GET /v1/models` and `/v1/models/{id}`. Every error is
 * OpenAI-shaped; a model's failure carries its recorded reason (400 when the request was at fault, such as
 * `context_length_exceeded`, else 500).
 */
export async function startChatServer(options: ChatServerOptions): Promise<ChatServer> {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const inFlight = new Set<AbortController>();
  const created = Math.floor(Date.now() / 1000);

  const modelInfo = (id: string) => ({ id, object: "model", created, owned_by: "breakfix" });

  // Set once listening (the port is known then): a web page the user visits must not reach the models.
  let policy: GuardPolicy = { hosts: new Set() };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<number> => {
    const refused = checkRequest(
      {
        method: req.method ?? "GET",
        host: req.headers.host,
        origin: req.headers.origin,
        contentType: req.headers["content-type"],
        fetchSite: req.headers["sec-fetch-site"] as string | undefined,
      },
      policy,
    );
    if (refused) {
      req.resume();
      throw new ApiError(refused.status, refused.reason, "invalid_request_error", "request_refused");
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    const route = url.pathname.replace(/\/+$/, "");
    if (route === "/v1/models") {
      if (req.method !== "GET") throw methodNotAllowed(req.method, "GET");
      sendJson(res, 200, { object: "list", data: [...options.models.keys()].map(modelInfo) });
      return 200;
    }
    if (route.startsWith("/v1/models/")) {
      if (req.method !== "GET") throw methodNotAllowed(req.method, "GET");
      // Model ids hold colons and slashes (engine:./ckpt); clients percent-encode them or not.
      const id = decodeURIComponent(route.slice("/v1/models/".length));
      servedModel(options.models, id);
      sendJson(res, 200, modelInfo(id));
      return 200;
    }
    const endpoint = ENDPOINTS[route];
    if (!endpoint) {
      throw new ApiError(
        404,
        `Unknown route ${req.method} ${url.pathname}`,
        "invalid_request_error",
        "unknown_url",
      );
    }
    if (req.method !== "POST") throw methodNotAllowed(req.method, "POST");
    const body = await readBody(req, maxBody);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (e) {
      throw invalidRequest(`Request body is not valid JSON: ${(e as Error).message}`);
    }
    const controller = new AbortController();
    inFlight.add(controller);
    // A client that hangs up stops the generation.
    res.on("close", () => controller.abort(new Error("client disconnected")));
    try {
      return await endpoint({ json, models: options.models, signal: controller.signal, res });
    } finally {
      inFlight.delete(controller);
    }
  };

  const server = createServer((req, res) => {
    const started = Date.now();
    const done = (status: number) =>
      options.log?.(`${req.method} ${req.url} ${status} ${Date.now() - started}ms`);
    handle(req, res).then(done, (err: unknown) => {
      const e =
        err instanceof ApiError
          ? err
          : new ApiError(
              500,
              `Internal error: ${(err as Error)?.message ?? String(err)}`,
              "server_error",
              "internal_error",
            );
      // A client that sent too much may still be sending: close the connection rather than drain it.
      const headers = e.status === 413 ? { ...e.headers, connection: "close" } : e.headers;
      if (!res.headersSent) sendError(res, e, headers);
      else res.end();
      done(e.status);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const listenHost = options.host ?? "127.0.0.1";
  // Off loopback the user chose to expose the models under whatever name reaches them.
  policy = { hosts: isLoopbackHost(listenHost) ? allowedHosts(listenHost, address.port) : undefined };
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    async close(graceMs = 5000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => {
        for (const c of inFlight) c.abort(new Error("server shutting down"));
        server.closeAllConnections();
      }, graceMs);
      await closed;
      clearTimeout(timer);
    },
  };
}

function methodNotAllowed(method: string | undefined, allowed: string): ApiError {
  return new ApiError(
    405,
    `Method ${method} is not allowed here; use ${allowed}`,
    "invalid_request_error",
    "method_not_allowed",
    null,
    { allow: allowed },
  );
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const tooLarge = () =>
    new ApiError(413, `Request body exceeds ${maxBytes} bytes`, "invalid_request_error", "request_too_large");
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > maxBytes) {
    req.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.removeAllListeners("data");
        req.resume();
        reject(tooLarge());
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
