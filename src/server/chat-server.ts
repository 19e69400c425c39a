import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ChatModel, GenerateResult } from "../core/index.js";
import { ApiError, invalidRequest, sendError, sendJson } from "./api-error.js";
import { chatRequestSchema, issueParam, toGenerateOptions, toMessages } from "./chat-request.js";

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
 * An OpenAI-compatible HTTP server over ChatModels: `POST /v1/chat/completions` (non-streaming) and
 * `GET /v1/models`. Every error is OpenAI-shaped; a model's failure is a 500 carrying its recorded reason.
 */
export async function startChatServer(options: ChatServerOptions): Promise<ChatServer> {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const inFlight = new Set<AbortController>();
  const created = Math.floor(Date.now() / 1000);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<number> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const route = url.pathname.replace(/\/+$/, "");
    if (route === "/v1/models") {
      if (req.method !== "GET") throw methodNotAllowed(req.method, "GET");
      sendJson(res, 200, {
        object: "list",
        data: [...options.models.keys()].map((id) => ({
          id,
          object: "model",
          created,
          owned_by: "breakfix",
        })),
      });
      return 200;
    }
    if (route !== "/v1/chat/completions") {
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
    const parsed = chatRequestSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const param = issueParam(parsed.error);
      throw invalidRequest(
        `Invalid request${param ? ` at ${param}` : ""}: ${issue?.message ?? "bad value"}`,
        param,
      );
    }
    const request = parsed.data;
    const model = options.models.get(request.model);
    if (!model) {
      throw new ApiError(
        404,
        `The model '${request.model}' does not exist; served: ${[...options.models.keys()].join(", ")}`,
        "invalid_request_error",
        "model_not_found",
        "model",
      );
    }
    const controller = new AbortController();
    inFlight.add(controller);
    // A client that hangs up stops the generation.
    res.on("close", () => controller.abort(new Error("client disconnected")));
    let result: GenerateResult;
    try {
      result = await model.generate(toMessages(request), toGenerateOptions(request, controller.signal));
    } finally {
      inFlight.delete(controller);
    }
    if (!result.ok) {
      throw new ApiError(
        500,
        `Model ${request.model} failed: ${result.error.message}`,
        "server_error",
        result.error.kind,
      );
    }
    const usage = result.usage ?? { promptTokens: 0, completionTokens: 0 };
    sendJson(res, 200, {
      id: `chatcmpl-${randomUUID()}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: result.text, refusal: null },
          logprobs: null,
          finish_reason: result.finishReason === "other" ? "stop" : result.finishReason,
        },
      ],
      usage: {
        prompt_tokens: usage.promptTokens,
        completion_tokens: usage.completionTokens,
        total_tokens: usage.promptTokens + usage.completionTokens,
      },
    });
    return 200;
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
