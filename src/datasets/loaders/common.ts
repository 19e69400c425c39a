import { BreakfixError } from "../../core/index.js";
import { type CategoryScheme, defaultTaxonomy } from "../../taxonomy/index.js";
import { decodeText, type TextEncoding } from "../decode.js";
import type { DatasetFile } from "../plugin.js";

export function fileText(file: DatasetFile, encoding: TextEncoding = "utf8"): string {
  return decodeText(file.bytes, file.display, encoding);
}

/** URL of a file in a GitHub repository at a commit: `raw.githubusercontent.com/<repo>/<commit>/<prefix><path>`. */
export function githubRaw(repo: string, commit: string, prefix = ""): (path: string) => string {
  return (p) => `https://raw.githubusercontent.com/${repo}/${commit}/${prefix}${p}`;
}

/** The first of the categories that the taxonomy maps under the scheme, or undefined. */
export function mapArea(scheme: CategoryScheme, categories: readonly string[]): string | undefined {
  for (const c of categories) {
    const area = defaultTaxonomy.map(scheme, c);
    if (area) return area;
  }
  return undefined;
}

export function dataError(
  file: string,
  line: number | undefined,
  message: string,
  fix: string,
  field?: string,
): BreakfixError {
  return new BreakfixError("DATA_INVALID", message, { location: { file, line, field }, fix });
}

/** A JSON object field that must be a non-empty string. */
export function stringField(
  obj: Record<string, unknown>,
  key: string,
  file: string,
  line: number | undefined,
  what: string,
): string {
  const v = obj[key];
  if (typeof v !== "string" || v.trim() === "") {
    throw dataError(
      file,
      line,
      `${what}: missing or empty \`${key}\` (a string)`,
      `give every ${what.replace(/ \d+$/, "")} a non-empty "${key}" string`,
      key,
    );
  }
  return v;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
