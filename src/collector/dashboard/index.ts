// GET /dashboard: the page shell and its bundle (built by `vite build -c vite.dashboard.config.ts` into dist/dashboard).
// The shell holds no data: the page asks for the admin token and reads the admin API with it, like any other client.
import { readFile } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Context as HonoContext, Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "../routes/http.js";
import { fail } from "../routes/http.js";

const TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
};
// only flat file names the build writes: no path segments, no dot files
const ASSET = /^[A-Za-z0-9][A-Za-z0-9_-]*\.(js|css|svg)$/;

/**
 * dist/dashboard of the installed package: walk up from this module (src/collector/dashboard in a checkout,
 * dist/ or dist/chunks once built) to the package root.
 * @example findDashboardDir() // "/app/node_modules/minigame-sdk/dist/dashboard"
 */
export function findDashboardDir(from = fileURLToPath(import.meta.url)): string | undefined {
  for (let dir = dirname(from); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (!existsSync(manifest)) continue;
    try {
      if ((JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "minigame-sdk") return join(dir, "dist", "dashboard");
    } catch {
      // a package.json we cannot read is not ours; keep walking
    }
  }
  return undefined;
}

/** the page: no inline script or style, so the policy can forbid both */
export function dashboardShell(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Campaign dashboard · minigame</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/dashboard/assets/dashboard.css">
<script type="module" src="/dashboard/assets/dashboard.js"></script>
</head>
<body>
<div id="app"><noscript>The dashboard needs JavaScript.</noscript></div>
</body>
</html>
`;
}

// same-origin only: scripts, styles and API calls from the collector itself, nothing inline, no frames
const headers = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'none'"],
  },
  referrerPolicy: "no-referrer",
  crossOriginResourcePolicy: "same-origin",
  strictTransportSecurity: false,
});

/**
 * Serve the dashboard from `dir` (the built bundle). Without a build the page says how to make one.
 * @example dashboardRoutes(app, findDashboardDir());
 */
export function dashboardRoutes(app: Hono<AppEnv>, dir: string | undefined): void {
  const cache = new Map<string, Buffer>();
  app.use("/dashboard", headers);
  app.use("/dashboard/*", headers);
  const page = (c: HonoContext<AppEnv>) => {
    if (!dir || !existsSync(join(dir, "dashboard.js"))) {
      return fail(c, 503, "the dashboard is not built: run `npm run build` (it writes dist/dashboard)");
    }
    return c.html(dashboardShell(), 200, { "Cache-Control": "no-cache" });
  };
  app.get("/dashboard", page);
  app.get("/dashboard/", page);
  app.get("/dashboard/assets/:file", async (c) => {
    const file = c.req.param("file");
    const ext = file.split(".").pop() ?? "";
    if (!dir || !ASSET.test(file)) return fail(c, 404, `no dashboard asset ${JSON.stringify(file)}`);
    let body = cache.get(file);
    if (!body) {
      body = await readFile(join(dir, file)).catch(() => undefined);
      if (!body) return fail(c, 404, `no dashboard asset ${JSON.stringify(file)}`);
      cache.set(file, body);
    }
    // fixed names, so revalidate on each load; the files are small and served from memory
    return c.body(new Uint8Array(body), 200, { "Content-Type": TYPES[ext]!, "Cache-Control": "no-cache" });
  });
}
