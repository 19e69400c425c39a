import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { BreakfixError, type Progress, silentProgress } from "../core/index.js";

export interface DownloadOptions {
  url: string;
  sha256: string;
  /** The cache root; the file lands at `<cacheDir>/datasets/<sha256>`. */
  cacheDir: string;
  signal?: AbortSignal;
  progress?: Progress;
  /** Give up when no byte arrives for this long (default 60 s); a hung server must not hang the CLI. */
  idleTimeoutMs?: number;
}

/** Path of a cached download of a file with this sha256. */
export function cachedPath(cacheDir: string, sha256: string): string {
  return path.join(cacheDir, "datasets", sha256.toLowerCase());
}

export async function fileSha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Fetches a file once into the content-addressed cache and checks its sha256. The body streams into
 * `<sha>.partial`; only a complete file with the right hash is renamed into place, so a crash or a wrong
 * file never leaves a bad cache entry. A `.partial` left by an interrupted download is resumed with an HTTP
 * Range request when the server supports it. Returns the cached file's path.
 */
export async function downloadToCache(options: DownloadOptions): Promise<string> {
  const sha = options.sha256.toLowerCase();
  const target = cachedPath(options.cacheDir, sha);
  if (await exists(target)) {
    if ((await fileSha256(target)) === sha) return target;
    await rm(target, { force: true }); // a corrupted cache entry: fetch it again
  }
  await mkdir(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  const have = (await exists(partial)) ? (await stat(partial)).size : 0;
  const progress = options.progress ?? silentProgress;

  const idleMs = options.idleTimeoutMs ?? 60_000;
  const stall = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const touch = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => stall.abort(), idleMs);
  };
  const signal = options.signal ? AbortSignal.any([options.signal, stall.signal]) : stall.signal;
  const failure = (e: unknown, what: string): BreakfixError => {
    if (options.signal?.aborted) return new BreakfixError("ABORTED", "download cancelled", { cause: e });
    if (stall.signal.aborted) return downloadFailed(options.url, `no data for ${idleMs} ms`, e);
    const reason = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e);
    return downloadFailed(options.url, `${what}${reason}`, e);
  };
  try {
    return await fetchInto(options, { sha, target, partial, have, progress, signal, touch, failure });
  } finally {
    clearTimeout(timer);
  }
}

interface FetchState {
  sha: string;
  target: string;
  partial: string;
  have: number;
  progress: Progress;
  signal: AbortSignal;
  touch(): void;
  failure(e: unknown, what: string): BreakfixError;
}

async function fetchInto(options: DownloadOptions, st: FetchState): Promise<string> {
  const { sha, target, partial, have, progress } = st;
  let response: Response;
  st.touch();
  try {
    response = await fetch(options.url, {
      headers: have > 0 ? { range: `bytes=${have}-` } : {},
      signal: st.signal,
      redirect: "follow",
    });
  } catch (e) {
    throw st.failure(e, "");
  }
  if (response.status === 416 && have > 0) {
    // The partial file is already complete (or longer than the file): start over cleanly.
    await rm(partial, { force: true });
    return downloadToCache(options);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw downloadFailed(
      options.url,
      `server answered HTTP ${response.status} ${response.statusText}`.trim(),
    );
  }
  const resumed = response.status === 206 && have > 0;
  const total = Number(response.headers.get("content-length") ?? 0) + (resumed ? have : 0);
  const handle = await open(partial, resumed ? "a" : "w");
  progress.start(`download ${path.basename(new URL(options.url).pathname)}`, total, resumed ? have : 0);
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      st.touch();
      await handle.write(chunk);
      progress.advance(chunk.byteLength);
    }
  } catch (e) {
    // The `.partial` stays for the next attempt to resume; it never has the final name.
    throw st.failure(e, "connection broke off: ");
  } finally {
    await handle.close();
    progress.finish();
  }
  const got = await fileSha256(partial);
  if (got !== sha) {
    await rm(partial, { force: true });
    throw new BreakfixError("CHECKSUM_MISMATCH", `downloaded file has sha256 ${got}, expected ${sha}`, {
      location: { file: options.url },
      fix: "the upstream file changed or the download was tampered with; fetch it yourself, check it, and load it with --path",
    });
  }
  await rename(partial, target);
  return target;
}

function downloadFailed(url: string, reason: string, cause?: unknown): BreakfixError {
  return new BreakfixError("DOWNLOAD_FAILED", `could not download ${url}: ${reason}`, {
    fix: "check the network (or --mirror), or download the file yourself and point BREAKFIX_DATASETS / datasets.root at it",
    cause,
  });
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
