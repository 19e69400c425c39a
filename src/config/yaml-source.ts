import {
  type Document,
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  visit,
  type YAMLError,
} from "yaml";
import { configError } from "./config-error.js";

/** Config files are a page or two; anything larger is a mistake (or an attack on the parser). */
export const MAX_CONFIG_BYTES = 256 * 1024;
/** Deepest nesting a config needs is ~5; the YAML parser crashes the process on thousands of levels. */
export const MAX_DEPTH = 32;

export type FieldPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

/** A parsed config file: its plain data, and where each field was written. */
export interface YamlSource {
  data: unknown;
  /** Where the value at `path` (or its key) was written; the nearest written ancestor if it is missing. */
  positionOf(path: FieldPath, at: "key" | "value"): Position;
}

const SYNTAX_FIXES: Record<string, string> = {
  TAB_AS_INDENT: "indent with spaces, never tabs (2 spaces per level)",
  DUPLICATE_KEY: "each key may appear once per section: delete or merge the repeated one",
  BAD_INDENT: "line the nested keys up under their parent, indented by the same number of spaces",
  BLOCK_AS_IMPLICIT_KEY:
    "a key that has nested keys must end with `:` and nothing after it; indent its children by 2 spaces",
  MULTILINE_IMPLICIT_KEY: "keep each `key: value` on one line and check the indentation above this line",
  MISSING_CHAR: "close the quote or bracket that was opened",
  MULTIPLE_DOCS: "keep one YAML document: remove the extra `---`",
  UNEXPECTED_TOKEN: "check the YAML syntax here; quote values that contain `: `, `#`, `[` or `{`",
  RESOURCE_EXHAUSTION: `nest sections at most ${MAX_DEPTH} levels deep`,
};

function syntaxError(err: YAMLError, lines: LineCounter, file: string) {
  const { line, col } = lines.linePos(err.pos[0]);
  const detail =
    err.code === "MULTIPLE_DOCS"
      ? "the file holds more than one YAML document"
      : err.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "");
  const message = `invalid YAML: ${detail}`;
  const fix =
    SYNTAX_FIXES[err.code] ?? "check the YAML syntax at this position (indentation, quotes, `key: value`)";
  return configError(message, fix, { file, line, column: col });
}

/** Offset of the first `[`/`{` nested deeper than MAX_DEPTH outside quotes and comments, if any. */
function tooDeepFlowOffset(text: string): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (quote === '"' && c === "\\") i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    const prev = i === 0 ? "\n" : (text[i - 1] as string);
    if (c === "#" && /\s/.test(prev)) {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end;
    } else if ((c === '"' || c === "'") && /[\s[{,:]/.test(prev)) quote = c;
    else if (c === "[" || c === "{") {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === "]" || c === "}") depth = Math.max(0, depth - 1);
  }
  return undefined;
}

function tooDeepNode(node: unknown, depth: number): Node | undefined {
  if (!isCollection(node)) return undefined;
  if (depth > MAX_DEPTH) return node;
  for (const item of node.items) {
    const child = isMap(node) ? (item as { value?: unknown }).value : item;
    const hit = tooDeepNode(child, depth + 1);
    if (hit) return hit;
  }
  return undefined;
}

const keyText = (key: unknown): string => (isScalar(key) ? String(key.value) : String(key));

export function parseYamlSource(text: string, file: string): YamlSource {
  const lines = new LineCounter();
  const at = (offset: number): Position => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) {
    throw configError(
      `config file is larger than ${MAX_CONFIG_BYTES / 1024} KiB`,
      "a breakfix.yaml is a page or two of settings; check that --config names the right file",
      { file, line: 1, column: 1 },
    );
  }
  const deepFlow = tooDeepFlowOffset(text);
  if (deepFlow !== undefined) {
    const before = text.slice(0, deepFlow);
    const line = before.split("\n").length;
    const column = deepFlow - before.lastIndexOf("\n");
    throw configError(
      `nesting deeper than ${MAX_DEPTH} levels`,
      SYNTAX_FIXES["RESOURCE_EXHAUSTION"] as string,
      {
        file,
        line,
        column,
      },
    );
  }
  const doc: Document.Parsed = parseDocument(text, {
    lineCounter: lines,
    uniqueKeys: true,
    // `<<: *defaults` lets providers share settings; resolved before validation.
    merge: true,
    prettyErrors: false,
  });
  const firstError = doc.errors[0];
  if (firstError) throw syntaxError(firstError, lines, file);
  const deepNode = tooDeepNode(doc.contents, 1);
  if (deepNode?.range) {
    throw configError(
      `nesting deeper than ${MAX_DEPTH} levels`,
      SYNTAX_FIXES["RESOURCE_EXHAUSTION"] as string,
      {
        file,
        ...at(deepNode.range[0]),
      },
    );
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    // The yaml package refuses alias expansions that blow up (the "billion laughs" attack).
    let offset = 0;
    visit(doc, {
      Alias(_, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    throw configError(
      "YAML aliases expand to too many values (the pattern of a resource-exhaustion attack)",
      "write the values out instead of nesting `*alias` references",
      { file, ...at(offset) },
    );
  }

  const positionOf = (path: FieldPath, want: "key" | "value"): Position => {
    let node: unknown = doc.contents;
    let key: Node | undefined;
    let found = 0;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(doc);
      let next: unknown;
      if (isMap(node)) {
        const pair = node.items.find((p) => keyText(p.key) === String(segment));
        if (!pair) break;
        key = isScalar(pair.key) ? pair.key : undefined;
        next = pair.value;
      } else if (isSeq(node) && Number.isInteger(Number(segment))) {
        next = node.items[Number(segment)];
        if (next === undefined) break;
        key = undefined;
      } else break;
      node = next;
      found++;
    }
    const value = node as Node | null | undefined;
    const emptyValue = !value?.range || (isScalar(value) && value.value === null && !value.source);
    // A whole section is best shown by its key line (`local:`), not the first line inside it.
    const useKey = key?.range && (found < path.length || want === "key" || emptyValue || isCollection(value));
    const range = useKey ? key?.range : value?.range;
    return range ? at(range[0]) : { line: 1, column: 1 };
  };

  return { data: data ?? {}, positionOf };
}
