import { BreakfixError } from "../core/index.js";

export interface JsonLine {
  line: number;
  value: unknown;
}

/** JSON Lines: one JSON value per line; blank lines are skipped; a bad line is an error naming its line. */
export function parseJsonl(text: string, file: string): JsonLine[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: JsonLine[] = [];
  src.split("\n").forEach((raw, i) => {
    const lineText = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (lineText.trim() === "") return;
    try {
      out.push({ line: i + 1, value: JSON.parse(lineText) });
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      throw new BreakfixError("DATA_INVALID", `line ${i + 1} is not valid JSON (${reason})`, {
        location: { file, line: i + 1 },
        fix: "write one complete JSON object per line (no trailing commas, strings in double quotes)",
      });
    }
  });
  if (out.length === 0) {
    throw new BreakfixError("DATA_INVALID", "file is empty (no JSON lines)", {
      location: { file, line: 1 },
      fix: "add one JSON object per line",
    });
  }
  return out;
}

/** Parses a whole-file JSON document, with the line of a syntax error when the parser reports a position. */
export function parseJsonDocument(text: string, file: string): unknown {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (src.trim() === "") {
    throw new BreakfixError("DATA_INVALID", "file is empty", {
      location: { file, line: 1 },
      fix: "the file must hold one JSON document",
    });
  }
  try {
    return JSON.parse(src);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(reason);
    const line = pos ? src.slice(0, Number(pos[1])).split("\n").length : undefined;
    throw new BreakfixError("DATA_INVALID", `not valid JSON (${reason})`, {
      location: { file, line },
      fix: "check the JSON syntax near that place (quotes, commas, brackets)",
    });
  }
}
