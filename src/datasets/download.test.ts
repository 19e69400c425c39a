import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sha256Hex } from "../core/index.js";
import { cachedPath, downloadToCache } from "./download.js";
import { advbenchStringsDataset } from "./loaders/advbench.js";

const BODY = Buffer.from('target\nfirst harmful string\n"second, with comma"\n');
const SHA = sha256Hex(BODY);

let server: Server;
let base: string;
let cache: string;
const requests: Array<{ url: string; range?: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push({ url: req.url ?? "", range: req.headers.range });
    if (req.url === "/error") {
      res.writeHead(500).end("boom");
      return;
    }
    if (req.url === "/wrong") {
      res.writeHead(200).end("not the file you pinned");
      return;
    }
    if (req.url === "/advbench/harmful_strings.csv" || req.url === "/file.csv") {
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
      if (range) {
        const from = Number(range[1]);
        res.writeHead(206, { "content-length": BODY.length - from }).end(BODY.subarray(from));
      } else res.writeHead(200, { "content-length": BODY.length }).end(BODY);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(async () => {
  requests.length = 0;
  cache = await mkdtemp(path.join(tmpdir(), "breakfix-dl-"));
  return () => rm(cache, { recursive: true, force: true });
});

describe("downloadToCache", () => {
  it("downloads once into <cache>/datasets/<sha256> and serves the cache afterwards", async () => {
    const file = await downloadToCache({ url: `${base}/file.csv`, sha256: SHA, cacheDir: cache });
    expect(file).toBe(cachedPath(cache, SHA));
    expect(await readFile(file)).toEqual(BODY);
    await downloadToCache({ url: `${base}/file.csv`, sha256: SHA, cacheDir: cache });
    expect(requests).toHaveLength(1);
    expect(await readdir(path.join(cache, "datasets"))).toEqual([SHA]);
  });

  it("rejects a file whose sha256 does not match and keeps nothing", async () => {
    await expect(
      downloadToCache({ url: `${base}/wrong`, sha256: SHA, cacheDir: cache }),
    ).rejects.toMatchObject({
      code: "CHECKSUM_MISMATCH",
    });
    expect(await readdir(path.join(cache, "datasets"))).toEqual([]);
  });

  it("turns a server error into DOWNLOAD_FAILED with the status, leaving no file", async () => {
    const err = await downloadToCache({ url: `${base}/error`, sha256: SHA, cacheDir: cache }).catch((e) => e);
    expect(err).toMatchObject({ code: "DOWNLOAD_FAILED" });
    expect(err.message).toContain("HTTP 500");
    expect(existsSync(cachedPath(cache, SHA))).toBe(false);
  });

  it("turns a refused connection into DOWNLOAD_FAILED", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      downloadToCache({ url: `http://127.0.0.1:${port}/x`, sha256: SHA, cacheDir: cache }),
    ).rejects.toMatchObject({ code: "DOWNLOAD_FAILED" });
  });

  it("resumes a partial download with a Range request", async () => {
    const target = cachedPath(cache, SHA);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(`${target}.partial`, BODY.subarray(0, 10));
    const file = await downloadToCache({ url: `${base}/file.csv`, sha256: SHA, cacheDir: cache });
    expect(requests[0]?.range).toBe("bytes=10-");
    expect(await readFile(file)).toEqual(BODY);
    expect(existsSync(`${target}.partial`)).toBe(false);
  });

  it("replaces a corrupted cache entry", async () => {
    const target = cachedPath(cache, SHA);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, "corrupted");
    expect(
      await readFile(await downloadToCache({ url: `${base}/file.csv`, sha256: SHA, cacheDir: cache })),
    ).toEqual(BODY);
    expect(requests).toHaveLength(1);
  });
});

describe("dataset download through a mirror", () => {
  it("fetches a missing file from the mirror, checks the pinned sha256 and refuses a wrong one", async () => {
    // The fixture is not the real AdvBench file, so the pinned hash must reject it.
    const err = await advbenchStringsDataset
      .load({ root: path.join(cache, "no-such-root"), cacheDir: cache, download: true, mirror: base })
      .catch((e) => e);
    expect(err).toMatchObject({ code: "CHECKSUM_MISMATCH" });
    expect(requests.map((r) => r.url)).toEqual(["/advbench/harmful_strings.csv"]);
    expect(await readdir(path.join(cache, "datasets"))).toEqual([]);
  });

  it("without --download, a missing dataset is NOT_FOUND with a fix naming the upstream URL", async () => {
    const err = await advbenchStringsDataset
      .load({ root: path.join(cache, "none"), cacheDir: cache })
      .catch((e) => e);
    expect(err).toMatchObject({ code: "NOT_FOUND" });
    expect(err.fix).toContain("raw.githubusercontent.com/llm-attacks/llm-attacks");
    expect(requests).toHaveLength(0);
  });
});

describe("stalled downloads", () => {
  it("gives up with DOWNLOAD_FAILED when the server stops sending, keeping only the .partial", async () => {
    const stalling = createServer((_req, res) => {
      res.writeHead(200, { "content-length": 1000 });
      res.write("first bytes"); // then nothing more
    });
    await new Promise<void>((resolve) => stalling.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(stalling.address() as AddressInfo).port}/slow`;
      const err = await downloadToCache({ url, sha256: SHA, cacheDir: cache, idleTimeoutMs: 200 }).catch(
        (e) => e,
      );
      expect(err).toMatchObject({ code: "DOWNLOAD_FAILED" });
      expect(err.message).toContain("no data for 200 ms");
      expect(existsSync(cachedPath(cache, SHA))).toBe(false);
    } finally {
      stalling.closeAllConnections();
      await new Promise((resolve) => stalling.close(resolve));
    }
  });

  it("a cancelled download is ABORTED", async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(
      downloadToCache({ url: `${base}/file.csv`, sha256: SHA, cacheDir: cache, signal: ac.signal }),
    ).rejects.toMatchObject({ code: "ABORTED" });
  });
});
