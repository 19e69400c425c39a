import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Hono } from "hono";
import { REPORT_CSS } from "../../report/index.js";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

/**
 * The front-end files (`src/ui/public`), read once at start. From `dist/ui/server` the source folder is
 * three levels up, so an installed package (which ships `src/ui/public`) and a checkout both find them.
 */
export function publicDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.join(here, "..", "public"),
    path.join(here, "..", "..", "..", "src", "ui", "public"),
  ];
  const found = candidates.find((d) => existsSync(path.join(d, "app.js")));
  if (!found) throw new Error(`breakfix ui: front-end files not found (looked in ${candidates.join(", ")})`);
  return found;
}

/**
 * GET /static/<file> for every file of the public folder (nothing else is reachable from disk), and the
 * cycle report's own stylesheet as `report.css` for the pages that show the report's tables and charts.
 */
export function serveAssets(app: Hono): void {
  const dir = publicDir();
  const files = new Map<string, { body: string; type: string }>([
    ["report.css", { body: REPORT_CSS, type: TYPES[".css"] as string }],
  ]);
  for (const name of readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    if (type) files.set(name, { body: readFileSync(path.join(dir, name), "utf8"), type });
  }
  app.get("/static/:name", (c) => {
    const file = files.get(c.req.param("name"));
    if (!file) return c.notFound();
    return c.body(file.body, 200, { "content-type": file.type });
  });
}
