import { parse as parseYaml } from "yaml";
import { BreakfixError } from "../core/index.js";

export interface YamlDocument {
  value: unknown;
  /** True when strict YAML failed and the lenient reader was used; `yamlError` says why strict failed. */
  lenient: boolean;
  yamlError?: string;
}

/**
 * Parses a PyRIT YAML file. Strict YAML first; when that fails (one upstream `.prompt` file has a multi-line
 * plain scalar that YAML rejects), a lenient reader for the simple block layout PyRIT files use: `key: value`
 * lines, `- item` lists and `key:` followed by a more-indented block, which is kept as literal text with its
 * line breaks. If neither works, the strict parser's error is reported with its line.
 */
export function parsePyritYaml(text: string, file: string): YamlDocument {
  try {
    return { value: parseYaml(text), lenient: false };
  } catch (strictError) {
    const first =
      strictError instanceof Error ? (strictError.message.split("\n")[0] as string) : String(strictError);
    const reason = first.replace(/ at line \d+, column \d+:?$/, "");
    const lenient = readBlock(text.split(/\r?\n/), 0);
    if (lenient !== undefined) return { value: lenient, lenient: true, yamlError: reason };
    const line = (strictError as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
    throw new BreakfixError("DATA_INVALID", `not valid YAML: ${reason}`, {
      location: { file, line: line?.line, column: line?.col },
      fix: "fix the YAML syntax (quote values containing `: ` or `#`, or use a `|` block for multi-line text)",
    });
  }
}

const indentOf = (line: string): number => line.length - line.trimStart().length;
const isBlank = (line: string): boolean => line.trim() === "" || line.trimStart().startsWith("#");

function scalar(raw: string): unknown {
  const t = raw.trim();
  if (t === "" || t === "~" || t === "null") return null;
  if (t === "true" || t === "false") return t === "true";
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) return t.slice(1, -1);
  return t;
}

/** Reads lines that all belong to one block (a mapping, a list, or text). Undefined when not understood. */
function readBlock(lines: string[], minIndent: number): unknown {
  const body = lines.filter((l) => !isBlank(l));
  if (body.length === 0) return null;
  const indent = indentOf(body[0] as string);
  if (indent < minIndent) return undefined;
  if ((body[0] as string).trimStart().startsWith("- ") || (body[0] as string).trim() === "-")
    return readList(lines, indent);
  if (isKeyLine(body[0] as string)) return readMapping(lines, indent);
  return undefined;
}

function readMapping(lines: string[], indent: number): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (isBlank(line)) {
      i++;
      continue;
    }
    const m = /^([\w.-]+):(?:\s+(.*))?$/.exec(line.slice(indent));
    if (indentOf(line) !== indent || !m) return undefined;
    let j = i + 1;
    // Lines at the key's own indent that are not keys continue its value: the case strict YAML rejects.
    const continues = (l: string): boolean =>
      isBlank(l) || indentOf(l) > indent || isListAt(l, indent) || (indentOf(l) === indent && !isKeyLine(l));
    while (j < lines.length && continues(lines[j] as string)) j++;
    const child = lines.slice(i + 1, j);
    const key = m[1] as string;
    const inline = m[2]?.trim() ?? "";
    // Flow collections, anchors, tags and block scalars are strict YAML's job: not guessed at here.
    const unbalancedQuote = /^["']/.test(inline) && (inline.length < 2 || inline.at(-1) !== inline[0]);
    if (/^[[{&*!|>]/.test(inline) || unbalancedQuote) return undefined;
    if (inline !== "") out[key] = scalar(inline);
    else out[key] = child.some((l) => !isBlank(l)) ? (readBlock(child, indent) ?? literal(child)) : null;
    i = j;
  }
  return out;
}

function isKeyLine(line: string): boolean {
  return /^[\w.-]+:(\s|$)/.test(line.trimStart());
}

function isListAt(line: string, indent: number): boolean {
  return indentOf(line) === indent && line.trimStart().startsWith("- ");
}

function readList(lines: string[], indent: number): unknown[] | undefined {
  const items: string[][] = [];
  for (const line of lines) {
    if (isListAt(line, indent) || (indentOf(line) === indent && line.trim() === "-")) {
      // Re-indent the item's first line so it reads as a mapping/scalar at indent + 2.
      items.push([" ".repeat(indent + 2) + line.slice(indent + 1).trimStart()]);
    } else if (items.length > 0) (items[items.length - 1] as string[]).push(line);
    else if (!isBlank(line)) return undefined;
  }
  return items.map((item) => {
    const first = (item[0] as string).trim();
    if (item.length === 1 && !isKeyLine(first)) return scalar(first);
    return readBlock(item, indent + 1) ?? literal(item);
  });
}

/** A block kept as text: common indentation removed, line breaks kept. */
function literal(lines: string[]): string {
  const body = lines.filter((l) => l.trim() !== "");
  const cut = Math.min(...body.map(indentOf));
  return lines
    .map((l) => l.slice(cut))
    .join("\n")
    .trim();
}
