import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Store } from "../../store/index.js";

/** One curated SFT row that targets a vulnerability: the request it answers and the safe reply it teaches. */
export interface FixRow {
  dataset: string;
  split: string;
  prompt: string;
  reply: string;
  findingId?: string;
}

function lines(file: string): unknown[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => {
      try {
        return JSON.parse(l) as unknown;
      } catch {
        return undefined;
      }
    });
}

type Msg = { role?: string; content?: string };

/**
 * The fix data of a cycle's curated datasets (`<cycle>-round-<n>`), by the vulnerability each row targets:
 * SFT rows are read with their provenance sidecar (line i describes row i). Missing files give nothing.
 */
export function fixRowsByVulnerability(store: Store, scope: string): Map<string, FixRow[]> {
  const out = new Map<string, FixRow[]>();
  for (const ds of store.datasets.list()) {
    if (!ds.name.startsWith(`${scope}-round-`) || !ds.source) continue;
    for (const split of ["train", "validation"]) {
      const rows = lines(path.join(ds.source, `sft.${split}.jsonl`));
      const prov = lines(path.join(ds.source, `sft.${split}.provenance.jsonl`));
      prov.forEach((p, i) => {
        const pv = p as { vulnerabilityId?: string; findingId?: string } | undefined;
        const messages = ((rows[i] as { messages?: Msg[] } | undefined)?.messages ?? []) as Msg[];
        if (!pv?.vulnerabilityId) return;
        const lastUser = [...messages].reverse().find((m) => m.role === "user");
        const reply = [...messages].reverse().find((m) => m.role === "assistant");
        const list = out.get(pv.vulnerabilityId) ?? [];
        list.push({
          dataset: `${ds.name}@${ds.version}`,
          split,
          prompt: String(lastUser?.content ?? ""),
          reply: String(reply?.content ?? ""),
          ...(pv.findingId && { findingId: pv.findingId }),
        });
        out.set(pv.vulnerabilityId, list);
      });
    }
  }
  return out;
}
