import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { BreakfixError, type Progress, type Sample } from "../core/index.js";
import { SAMPLE_CSV_HEADER, sampleToCsvRow } from "./sample-view.js";

/** Writes to `<out>.tmp` and renames, so an interrupted export never leaves a half file under the name. */
export async function writeSamplesFile(
  samples: readonly Sample[],
  out: string,
  format: "jsonl" | "csv",
  io: { progress: Progress; signal?: AbortSignal },
): Promise<void> {
  await mkdir(path.dirname(out), { recursive: true });
  const tmp = `${out}.tmp`;
  const { progress } = io;
  const handle = await open(tmp, "w");
  try {
    progress.start(`export ${path.basename(out)}`, samples.length);
    const eol = format === "csv" ? "\r\n" : "\n";
    if (format === "csv") await handle.write(`${SAMPLE_CSV_HEADER.join(",")}${eol}`);
    for (let i = 0; i < samples.length; i += 500) {
      if (io.signal?.aborted) throw new BreakfixError("ABORTED", "export cancelled");
      const batch = samples.slice(i, i + 500);
      await handle.write(
        batch.map((s) => (format === "csv" ? sampleToCsvRow(s) : JSON.stringify(s)) + eol).join(""),
      );
      progress.advance(batch.length);
    }
    progress.finish();
    await handle.close();
    await rename(tmp, out);
  } catch (e) {
    await handle.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw e;
  }
}
