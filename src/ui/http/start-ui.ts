import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import { serve } from "@hono/node-server";
import { allowedHosts, isLoopbackHost } from "../../server/index.js";
import { createUiApp } from "./ui-app.js";
import type { UiContext } from "./ui-context.js";

export interface StartUiOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Required on every request; off loopback one is generated when not given. */
  token?: string;
}

export interface UiServer {
  /** The address to open (with `?token=` when a token is required). */
  readonly url: string;
  readonly port: number;
  readonly token: string | undefined;
  close(): Promise<void>;
}

/** Serves the web app until closed. Loopback by default; any other host requires a token. */
export async function startUi(ui: UiContext, options: StartUiOptions = {}): Promise<UiServer> {
  const host = options.host ?? "127.0.0.1";
  const token = options.token ?? (isLoopbackHost(host) ? undefined : randomBytes(24).toString("base64url"));
  // The port is known only once listening; the guard reads the policy then.
  const policy = { hosts: new Set<string>() as ReadonlySet<string> | undefined };
  const app = createUiApp(ui, { policy, ...(token !== undefined && { token }) });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 0 }, () => resolve(s));
    s.once("error", reject);
  });
  const port = (server.address() as AddressInfo).port;
  // Off loopback the user chose the exposure, and the token guards it; Host is then any name that reaches us.
  policy.hosts = isLoopbackHost(host) ? allowedHosts(host, port) : undefined;
  const shown =
    host === "0.0.0.0" || host === "::" ? networkAddress() : host.includes(":") ? `[${host}]` : host;
  const base = `http://${shown}:${port}/`;
  return {
    url: token === undefined ? base : `${base}?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The address other machines reach when listening on every interface: the first external IPv4 one. */
function networkAddress(): string {
  const external = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === "IPv4" && !a.internal);
  return external?.address ?? "127.0.0.1";
}
