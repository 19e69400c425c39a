// Runs a TypeScript worker module from source (tsx, vitest; see module-worker.ts), which Node cannot load
// itself: tsx compiles it and what it imports. The module's file URL is the last argument. Plain JS so
// Node can start it; the compiled build (dist/) starts its workers' .js directly and never uses it.
import { tsImport } from "tsx/esm/api";

await tsImport(process.argv[process.argv.length - 1], import.meta.url);
