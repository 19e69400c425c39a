import { BreakfixError, quoted } from "../core/index.js";

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
  let line = 1;
  let recordLine = 1;
  let lineStart = 0;
  let i = 0;
  let lastQuoted = false;

  const endRecord = (): void => {
    const blank = fields.length === 1 && fields[0] === "" && !lastQuoted;
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
  };

  // Each turn reads one field and the separator after it (comma, line end, or end of text).
  while (i <= src.length) {
    let field: string;
    lastQuoted = src[i] === '"';
    if (lastQuoted) {
      const openLine = line;
      const openColumn = i - lineStart + 1;
      const parts: string[] = [];
      let from = i + 1;
      for (;;) {
        const q = src.indexOf('"', from);
        if (q < 0) {
          throw new BreakfixError("DATA_INVALID", "unterminated quoted field (no closing double quote)", {
            location: { file, line: openLine, column: openColumn },
            fix: 'close the quote; a double quote inside a quoted field is written as two (`""`)',
          });
        }
        parts.push(src.slice(from, q));
        if (src[q + 1] === '"') {
          parts.push('"');
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      field = parts.join("");
      for (let k = field.indexOf("\n"); k >= 0; k = field.indexOf("\n", k + 1)) line++;
      if (field.includes("\n")) lineStart = src.lastIndexOf("\n", i - 1) + 1;
      const next = src[i];
      if (next !== undefined && next !== "," && next !== "\n" && !(next === "\r" && src[i + 1] === "\n")) {
        throw new BreakfixError("DATA_INVALID", `unexpected text after a closing quote: ${quoted(next)}`, {
          location: { file, line, column: i - lineStart + 1 },
          fix: 'put the whole field in quotes and double any quote inside it (`""`)',
        });
      }
    } else {
      let end = i;
      while (end < src.length) {
        const c = src.charCodeAt(end);
        if (c === 44 || c === 10 || (c === 13 && src.charCodeAt(end + 1) === 10)) break;
        end++;
      }
      field = src.slice(i, end);
      i = end;
    }
    fields.push(field);
    if (i >= src.length) {
      if (fields.length > 1 || field !== "" || lastQuoted) endRecord();
      break;
    }
    if (src[i] === ",") {
      i++;
      continue;
    }
    i += src[i] === "\r" ? 2 : 1;
    endRecord();
    line++;
    lineStart = i;
    recordLine = line;
    if (i >= src.length) break;
  }
  return records;
}

/** Quotes a field when it needs it (comma, quote, CR or LF), for writing CSV. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
