import { readFile } from "node:fs/promises";
import path from "node:path";

/** `MANIFEST.json` beside each shared dataset: sha256 per file, keyed by path in the dataset folder. */
export async function readManifest(folder: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let text: string;
  try {
    text = await readFile(path.join(folder, "MANIFEST.json"), "utf8");
  } catch {
    return out; // no manifest: nothing to compare against
  }
  let entries: unknown;
  try {
    entries = JSON.parse(text);
  } catch {
    return out;
  }
  if (!Array.isArray(entries)) return out;
  for (const e of entries) {
    const file = (e as { file?: unknown }).file;
    const sha = (e as { sha256?: unknown }).sha256;
    if (typeof file === "string" && typeof sha === "string") out.set(file, sha.toLowerCase());
  }
  return out;
}
