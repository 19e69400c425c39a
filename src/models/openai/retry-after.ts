import type { IncomingHttpHeaders } from "node:http";

/**
 * The server's requested wait, in ms: `retry-after-ms` (OpenAI) when present, else `Retry-After` as delay
 * seconds or an HTTP-date. Undefined when absent or unparsable; never negative.
 */
export function parseRetryAfter(headers: IncomingHttpHeaders, now: number = Date.now()): number | undefined {
  const ms = single(headers["retry-after-ms"]);
  if (ms !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.round(Number(ms));
  const value = single(headers["retry-after"])?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
