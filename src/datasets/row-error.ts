import { BreakfixError } from "../core/index.js";

/** Where a row came from, so every rejection names the file and line. */
export interface RowPlace {
  file: string;
  line: number;
}

/** A DATA_INVALID error for one row of a training file. */
export function rowError(place: RowPlace, message: string, fix: string, field?: string): BreakfixError {
  // The location prints the field first (`file:line: field: ...`), so the message does not repeat it.
  const text =
    field !== undefined && message.startsWith(`${field} `) ? message.slice(field.length + 1) : message;
  return new BreakfixError("DATA_INVALID", text, {
    fix,
    location: { file: place.file, line: place.line, ...(field === undefined ? {} : { field }) },
  });
}

/**
 * Visits each non-blank line of a JSONL file as a JSON object, in order, so a bad line is rejected with its
 * file and line before any later line is looked at.
 */
export function forEachJsonObjectLine(
  text: string,
  file: string,
  fix: string,
  visit: (row: Record<string, unknown>, place: RowPlace) => void,
): void {
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    const place = { file, line: i + 1 };
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (e) {
      throw rowError(place, `not valid JSON (${(e as Error).message})`, fix);
    }
    if (typeof row !== "object" || row === null || Array.isArray(row)) {
      throw rowError(place, "a row must be a JSON object", fix);
    }
    visit(row as Record<string, unknown>, place);
  });
}
