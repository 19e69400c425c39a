import { BreakfixError } from "../../core/index.js";

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
