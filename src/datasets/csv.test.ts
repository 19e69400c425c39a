import { describe, expect, it } from "vitest";
import { BreakfixError } from "../core/index.js";
import { csvField, parseCsv } from "./csv.js";
import { decodeMacRoman, decodeText } from "./decode.js";
import { parseJsonl } from "./jsonl.js";
import { readCsvTable } from "./table.js";

const fields = (text: string): string[][] => parseCsv(text, "t.csv").map((r) => r.fields);

function dataError(fn: () => unknown): BreakfixError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(BreakfixError);
    expect((e as BreakfixError).code).toBe("DATA_INVALID");
    return e as BreakfixError;
  }
  throw new Error("expected a DATA_INVALID error");
}

describe("parseCsv (RFC 4180)", () => {
  it("splits plain fields and records, with or without a final line break", () => {
    expect(fields("a,b,c\n1,2,3\n")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
    expect(fields("a,b\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });
  it("handles quoted fields with commas, doubled quotes and embedded line breaks", () => {
    const recs = parseCsv('id,text\n1,"a, ""quoted""\nsecond line"\n2,x\n', "t.csv");
    expect(recs.map((r) => r.fields)).toEqual([
      ["id", "text"],
      ["1", 'a, "quoted"\nsecond line'],
      ["2", "x"],
    ]);
    // The record after a multi-line field starts on its own physical line.
    expect(recs.map((r) => r.line)).toEqual([1, 2, 4]);
  });
  it("accepts CRLF line ends and keeps CRLF inside quoted fields", () => {
    expect(fields('a,b\r\n"x\r\ny",2\r\n')).toEqual([
      ["a", "b"],
      ["x\r\ny", "2"],
    ]);
  });
  it("drops a leading BOM and keeps empty fields", () => {
    expect(fields("\ufeffid,x\n1,\n,\n")).toEqual([
      ["id", "x"],
      ["1", ""],
      ["", ""],
    ]);
  });
  it("skips blank lines but not a quoted empty field", () => {
    expect(fields('a\n\n1\n""\n')).toEqual([["a"], ["1"], [""]]);
  });
  it("reports an unterminated quote at the line and column where it opened", () => {
    const e = dataError(() => parseCsv('a,b\n1,"never closed\n2,3\n', "bad.csv"));
    expect(e.location).toMatchObject({ file: "bad.csv", line: 2, column: 3 });
    expect(e.toLine()).toContain("Fix:");
  });
  it("rejects text after a closing quote", () => {
    const e = dataError(() => parseCsv('a,b\n"x"y,2\n', "bad.csv"));
    expect(e.location?.line).toBe(2);
  });
  it("round-trips fields that need quoting", () => {
    const values = ["plain", "with,comma", 'with "quote"', "two\nlines", ""];
    expect(fields(values.map(csvField).join(","))).toEqual([values]);
  });
});

describe("readCsvTable", () => {
  it("names a missing column and the wrong field count of a row", () => {
    expect(dataError(() => readCsvTable("goal\nx\n", "f.csv", ["goal", "target"])).message).toContain(
      "`target`",
    );
    const e = dataError(() => readCsvTable("goal,target\na,b\nc,d,e\n", "f.csv", ["goal", "target"]));
    expect(e.message).toContain("row 2");
    expect(e.location?.line).toBe(3);
  });
  it("rejects an empty file and a header-only file", () => {
    expect(dataError(() => readCsvTable("", "f.csv", ["a"])).message).toContain("empty");
    expect(dataError(() => readCsvTable("a\n", "f.csv", ["a"])).message).toContain("no data rows");
  });
});

describe("decodeText", () => {
  it("strips a UTF-8 BOM", () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]), "f")).toBe("hi");
  });
  it("rejects bytes that are not UTF-8, naming the line", () => {
    const bytes = new Uint8Array([...Buffer.from("ok\nline two caf"), 0xe9, 0x0a]);
    const e = dataError(() => decodeText(bytes, "latin1.csv"));
    expect(e.location).toMatchObject({ file: "latin1.csv", line: 2 });
    expect(e.fix).toContain("UTF-8");
  });
  it("rejects UTF-16", () => {
    expect(dataError(() => decodeText(new Uint8Array([0xff, 0xfe, 0x61, 0]), "u16.csv")).message).toContain(
      "UTF-16",
    );
  });
  it("decodes Mac Roman (JBB judge-comparison): 0x8E is é, 0xD5 is ’", () => {
    expect(decodeMacRoman(new Uint8Array([0x63, 0x61, 0x66, 0x8e, 0x20, 0xd5, 0xa5]))).toBe("café ’•");
    expect(decodeText(new Uint8Array([0x8e]), "f", "macroman")).toBe("é");
  });
});

describe("parseJsonl", () => {
  it("reads one value per line, skipping blank lines and CRs", () => {
    expect(parseJsonl('{"a":1}\r\n\n{"a":2}\n', "f").map((l) => [l.line, l.value])).toEqual([
      [1, { a: 1 }],
      [3, { a: 2 }],
    ]);
  });
  it("names the bad line", () => {
    expect(dataError(() => parseJsonl('{"a":1}\n{"a":\n', "f.jsonl")).location).toMatchObject({ line: 2 });
    expect(dataError(() => parseJsonl("\n\n", "f.jsonl")).message).toContain("empty");
  });
});

describe("parseCsv edge cases", () => {
  it("handles empty text, a trailing comma and a final quoted field without a line break", () => {
    expect(fields("")).toEqual([]);
    expect(fields("a,")).toEqual([["a", ""]]);
    expect(fields('a,"b"')).toEqual([["a", "b"]]);
    expect(fields('"a\n""b"""')).toEqual([['a\n"b"']]);
  });
  it("places text after a closing quote on the right line and column after a multi-line field", () => {
    const e = dataError(() => parseCsv('h\n"one\ntwo"x\n', "f.csv"));
    expect(e.location).toMatchObject({ line: 3, column: 5 });
  });
});
