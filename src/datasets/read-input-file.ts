import { readFileSync } from "node:fs";
import { BreakfixError } from "../core/index.js";

/** Reads a user-named input file as UTF-8; a missing or unreadable one is NOT_FOUND naming the file. */
export function readInputFile(file: string, fix: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new BreakfixError(
      "NOT_FOUND",
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      { location: { file }, fix },
    );
  }
}
