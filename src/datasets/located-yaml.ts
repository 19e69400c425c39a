import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { BreakfixError } from "../core/index.js";

export type FieldPath = readonly (string | number)[];

/** A parsed YAML (or JSON) file: its plain data, and where a field was written for error locations. */
export interface LocatedYaml {
  /** `undefined` for an empty file. */
  data: unknown;
  /** Where the value at `fieldPath` was written; its nearest written ancestor when it is missing. */
  locate(fieldPath: FieldPath): { file: string; line: number; column: number };
}

/**
 * Parses a small hand-written YAML/JSON file (a persona, a cycle config). A syntax error is one
 * CONFIG_INVALID error with the file, line and column.
 */
export function parseLocatedYaml(text: string, file: string): LocatedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const { line, col } = lines.linePos(syntax.pos[0]);
    throw new BreakfixError("CONFIG_INVALID", `invalid YAML/JSON: ${syntax.message.split("\n")[0]}`, {
      location: { file, line, column: col },
      fix: "check the syntax at this position (indentation, quotes, brackets)",
    });
  }
  const locate = (fieldPath: FieldPath) => {
    const node = nearestNode(doc.contents, fieldPath);
    const pos = node?.range ? lines.linePos(node.range[0]) : { line: 1, col: 1 };
    return { file, line: pos.line, column: pos.col };
  };
  return { data: doc.contents === null ? undefined : doc.toJS(), locate };
}

/** The YAML node at `fieldPath`, or its nearest written ancestor (a missing field points at its parent). */
function nearestNode(root: unknown, fieldPath: FieldPath): Node | undefined {
  let node = root as Node | undefined;
  for (const key of fieldPath) {
    let next: unknown;
    if (isMap(node)) next = node.get(key, true);
    else if (isSeq(node) && typeof key === "number") next = node.get(key, true);
    if (next === undefined || next === null) return node;
    node = next as Node;
  }
  return node;
}
