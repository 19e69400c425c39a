// PLACEHOLDER — replaced by the store work (issue 2, item 3). Keeps the CLI compiling meanwhile.
import { BreakfixError } from "../core/index.js";

export interface Store {
  readonly path: string;
  close(): void;
}

export function openStore(file: string): Store {
  throw new BreakfixError("INTERNAL", `store not built yet (${file})`);
}
