import { BreakfixError, quoted } from "../core/index.js";
import { parseCsv } from "./csv.js";

/** One data row of a CSV table, keyed by header name, with where it came from for error messages. */
export interface TableRow {
  /** 1-based data row number (the header is row 0). */
  row: number;
  line: number;
  file: string;
  values: Readonly<Record<string, string>>;
}

/**
 * Parses a CSV file with a header row and checks it: the required columns exist, and every row has as many
 * fields as the header. Errors name the file, line, row and column, with a fix.
 */
export function readCsvTable(text: string, file: string, required: readonly string[]): TableRow[] {
  const records = parseCsv(text, file);
  const header = records[0];
  if (!header) {
    throw new BreakfixError("DATA_INVALID", "file is empty (no header row)", {
      location: { file, line: 1 },
      fix: `start the file with a header row: ${required.join(",")}`,
    });
  }
  const names = header.fields.map((f) => f.trim());
  const missing = required.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    throw new BreakfixError(
      "DATA_INVALID",
      `header: missing column ${missing.map((m) => `\`${m}\``).join(", ")}`,
      {
        location: { file, line: header.line },
        fix: `the header must name these columns: ${required.join(",")} (found: ${names.join(",")})`,
      },
    );
  }
  if (records.length === 1) {
    throw new BreakfixError("DATA_INVALID", "file has a header but no data rows", {
      location: { file, line: header.line },
      fix: "add at least one data row under the header",
    });
  }
  return records.slice(1).map((rec, i) => {
    if (rec.fields.length !== names.length) {
      throw new BreakfixError(
        "DATA_INVALID",
        `row ${i + 1}: has ${rec.fields.length} fields but the header has ${names.length}`,
        {
          location: { file, line: rec.line },
          fix: "quote fields that contain commas or line breaks, and give every row one value per header column",
        },
      );
    }
    const values: Record<string, string> = {};
    names.forEach((n, k) => {
      values[n] = rec.fields[k] as string;
    });
    return { row: i + 1, line: rec.line, file, values };
  });
}

/** A required, non-empty cell; a blank one is an error naming the row and column. */
export function cell(row: TableRow, column: string, fix?: string): string {
  const value = row.values[column]?.trim() ?? "";
  if (value === "") {
    throw new BreakfixError("DATA_INVALID", `row ${row.row}: column \`${column}\` is empty`, {
      location: { file: row.file, line: row.line, field: column },
      fix: fix ?? `fill in \`${column}\` on this row or remove the row`,
    });
  }
  return row.values[column] as string;
}

/** An optional cell: undefined when blank. */
export function optionalCell(row: TableRow, column: string): string | undefined {
  const value = row.values[column];
  return value === undefined || value.trim() === "" ? undefined : value;
}

/** A cell that must be one of a fixed set of values. */
export function enumCell<T extends string>(row: TableRow, column: string, allowed: readonly T[]): T {
  const value = cell(row, column).trim();
  if (!(allowed as readonly string[]).includes(value)) {
    throw new BreakfixError("DATA_INVALID", `row ${row.row}: unknown ${column} value ${quoted(value)}`, {
      location: { file: row.file, line: row.line, field: column },
      fix: `use one of: ${allowed.join(", ")}`,
    });
  }
  return value as T;
}

/** A whole-number cell. */
export function intCell(row: TableRow, column: string): number {
  const value = cell(row, column).trim();
  if (!/^-?\d+$/.test(value)) {
    throw new BreakfixError(
      "DATA_INVALID",
      `row ${row.row}: \`${column}\` is not a whole number: ${quoted(value)}`,
      {
        location: { file: row.file, line: row.line, field: column },
        fix: `write \`${column}\` as a whole number such as 17`,
      },
    );
  }
  return Number(value);
}
