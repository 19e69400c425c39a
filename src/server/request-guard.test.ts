import { describe, expect, it } from "vitest";
import { allowedHosts, checkRequest, isLoopbackHost } from "./request-guard.js";

const loopback = { hosts: allowedHosts("127.0.0.1", 8000) };
const ok = { method: "GET", host: "127.0.0.1:8000", origin: undefined, contentType: undefined };

describe("request guard", () => {
  it("accepts every loopback spelling of the server's own host, and nothing else", () => {
    for (const host of ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST:8000"])
      expect(checkRequest({ ...ok, host }, loopback)).toBeUndefined();
    for (const host of ["evil.example:8000", "127.0.0.1:8001", undefined])
      expect(checkRequest({ ...ok, host }, loopback)?.status).toBe(403);
  });

  it("refuses a foreign or opaque Origin and a cross-site fetch", () => {
    expect(checkRequest({ ...ok, origin: "http://127.0.0.1:8000" }, loopback)).toBeUndefined();
    for (const origin of ["https://evil.example", "null", "http://127.0.0.1:8001"])
      expect(checkRequest({ ...ok, origin }, loopback)?.status).toBe(403);
    expect(checkRequest({ ...ok, fetchSite: "cross-site" }, loopback)?.status).toBe(403);
  });

  it("requires JSON on every method that changes something", () => {
    const post = { ...ok, method: "POST" };
    expect(
      checkRequest({ ...post, contentType: "application/json; charset=utf-8" }, loopback),
    ).toBeUndefined();
    for (const contentType of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data",
      undefined,
    ])
      expect(checkRequest({ ...post, contentType }, loopback)?.status).toBe(415);
  });

  it("off loopback accepts any Host but still checks Origin", () => {
    const open = { hosts: undefined };
    expect(checkRequest({ ...ok, host: "box.lan:8000" }, open)).toBeUndefined();
    expect(
      checkRequest({ ...ok, host: "box.lan:8000", origin: "http://box.lan:8000" }, open),
    ).toBeUndefined();
    expect(checkRequest({ ...ok, host: "box.lan:8000", origin: "http://evil.example" }, open)?.status).toBe(
      403,
    );
    expect(isLoopbackHost("0.0.0.0")).toBe(false);
    expect(isLoopbackHost("::1")).toBe(true);
  });
});
