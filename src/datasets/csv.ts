import { BreakfixError } from "../core/index.js";

export interface CsvRecord {
  /** 1-based physical line where the record starts (a quoted field may span several lines). */
  line: number;
  fields: string[];
}

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes, `""` is a quote inside a quoted field,
 * quoted fields may hold commas and line breaks, records end with CRLF or LF. A leading BOM is dropped.
 * Lenient where real files are (a stray quote inside an unquoted field is kept as text); strict where
 * guessing would corrupt data (an unterminated quote, text after a closing quote). Blank lines are skipped.
 */
export function parseCsv(text: string, file: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let lineStart = 0;
  let i = 0;
  let fieldQuoted = false;

  const endRecord = (): void => {
    fields.push(field);
    const blank = fields.length === 1 && fields[0] === "" && !fieldQuoted;
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
    field = "";
    fieldQuoted = false;
  };

  while (i < src.length) {
    const ch = src[i];
    if (ch === '"' && field === "" && !fieldQuoted) {
      const openLine = line;
      const openColumn = i - lineStart + 1;
      i++;
      for (;;) {
        if (i >= src.length) {
          throw new BreakfixError("DATA_INVALID", "unterminated quoted field (no closing double quote)", {
            location: { file, line: openLine, column: openColumn },
            fix: 'close the quote; a double quote inside a quoted field is written as two (`""`)',
          });
        }
        const c = src[i];
        if (c === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === "\n") {
          line++;
          lineStart = i + 1;
        }
        field += c;
        i++;
      }
      fieldQuoted = true;
      const next = src[i];
      if (next !== undefined && next !== "," && next !== "\n" && !(next === "\r" && src[i + 1] === "\n")) {
        throw new BreakfixError(
          "DATA_INVALID",
          `unexpected text after a closing quote: ${JSON.stringify(next)}`,
          {
            location: { file, line, column: i - lineStart + 1 },
            fix: 'put the whole field in quotes and double any quote inside it (`""`)',
          },
        );
      }
      continue;
    }
    if (ch === ",") {
      fields.push(field);
      field = "";
      fieldQuoted = false;
      i++;
      continue;
    }
    if (ch === "\r" && src[i + 1] === "\n") {
      i++;
      continue;
    }
    if (ch === "\n") {
      endRecord();
      i++;
      line++;
      lineStart = i;
      recordLine = line;
      continue;
    }
    field += ch;
    i++;
  }
  if (field !== "" || fields.length > 0 || fieldQuoted) endRecord();
  return records;
}

/** Quotes a field when it needs it (comma, quote, CR or LF), for writing CSV. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
