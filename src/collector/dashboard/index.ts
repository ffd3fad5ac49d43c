// GET /dashboard: the page shell and its bundle (built by `vite build -c vite.dashboard.config.ts` into dist/dashboard).
// The shell holds no data: the page asks for the admin token and reads the admin API with it, like any other client.
// For a short first paint the shell carries the styles and a small script inline (under CSP hashes, never
// 'unsafe-inline'): the script sends the list and stats requests while the bundle loads.
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Context as HonoContext, Hono, MiddlewareHandler } from "hono";
import { compress } from "hono/compress";
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
// the build's file names carry a hash of their content: a browser may keep them (manifest.json lists them)
const KEEP = "public, max-age=31536000, immutable";

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

type ManifestChunk = { file: string; isEntry?: boolean; imports?: string[] };
/** what the shell needs from a build */
export type DashboardBuild = {
  /** the entry's file name */
  entry: string;
  /** chunks the entry imports statically: preloaded beside it rather than found after it */
  preload: string[];
  /** every file of the build with a content hash in its name */
  hashed: Set<string>;
  css: string;
  boot: string;
};

/**
 * Read a dashboard build (manifest.json, boot.js, dashboard.css) from `dir`; undefined when there is none.
 * @example readDashboardBuild("dist/dashboard")?.entry // "dashboard-DqpxmOrv.js"
 */
export function readDashboardBuild(dir: string | undefined): DashboardBuild | undefined {
  if (!dir || !existsSync(join(dir, "manifest.json"))) return undefined;
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Record<string, ManifestChunk>;
  const entry = Object.values(manifest).find((c) => c.isEntry);
  if (!entry) throw new Error(`${join(dir, "manifest.json")} names no entry`);
  const css = readFileSync(join(dir, "dashboard.css"), "utf8");
  const boot = readFileSync(join(dir, "boot.js"), "utf8");
  // inlined text must not close its own element
  if (/<\/style/i.test(css) || /<\/script/i.test(boot)) throw new Error("the dashboard's inline style or script closes its element");
  const chunks = Object.values(manifest)
    .map((c) => c.file)
    .filter((f) => f.endsWith(".js"));
  return {
    entry: entry.file,
    preload: (entry.imports ?? []).map((key) => manifest[key]?.file).filter((f): f is string => !!f),
    hashed: new Set(chunks),
    css,
    boot,
  };
}

const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

/** the page: styles and the boot script inline, the bundle (shell + headline) as one module */
export function dashboardShell(build: DashboardBuild): string {
  const asset = (file: string) => `/dashboard/assets/${escapeAttr(file)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Campaign dashboard · minigame</title>
<link rel="icon" href="data:,">
<style>${build.css}</style>
<script>${build.boot}</script>
<script type="module" src="${asset(build.entry)}"></script>
${build.preload.map((file) => `<link rel="modulepreload" href="${asset(file)}">`).join("\n")}
</head>
<body>
<div id="app"><noscript>The dashboard needs JavaScript.</noscript></div>
</body>
</html>
`;
}

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/**
 * Same-origin only: scripts, styles and API calls from the collector itself, the shell's own inline script and
 * styles by their hash (nothing else inline), no frames.
 * @example app.use("/dashboard", dashboardHeaders(build));
 */
export function dashboardHeaders(build?: Pick<DashboardBuild, "css" | "boot">): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'", ...(build ? [sha256(build.boot)] : [])],
      styleSrc: ["'self'", ...(build ? [sha256(build.css)] : [])],
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
}

/**
 * Serve the dashboard from `dir` (the built bundle). Without a build the page says how to make one.
 * @example dashboardRoutes(app, findDashboardDir());
 */
export function dashboardRoutes(app: Hono<AppEnv>, dir: string | undefined): void {
  const cache = new Map<string, Buffer>();
  // read once a build is there; a collector started before its first build picks it up on the next request
  let loaded: { build: DashboardBuild; shell: string; headers: MiddlewareHandler } | undefined;
  const load = () => {
    if (loaded) return loaded;
    const build = readDashboardBuild(dir);
    if (build) loaded = { build, shell: dashboardShell(build), headers: dashboardHeaders(build) };
    return loaded;
  };
  const assetHeaders = dashboardHeaders();
  // the shell and the bundle, compressed when the browser asks (hono's own middleware)
  const compressed = compress();
  app.use("/dashboard", compressed);
  app.use("/dashboard/*", compressed);
  // the shell's policy names the hashes of its build's inline script and styles
  const shellHeaders: MiddlewareHandler = (c, next) => (load()?.headers ?? assetHeaders)(c, next);
  app.use("/dashboard", shellHeaders);
  app.use("/dashboard/", shellHeaders);
  const page = (c: HonoContext<AppEnv>) => {
    const dashboard = load();
    if (!dashboard) return fail(c, 503, "the dashboard is not built: run `npm run build` (it writes dist/dashboard)");
    return c.html(dashboard.shell, 200, { "Cache-Control": "no-cache" });
  };
  app.get("/dashboard", page);
  app.get("/dashboard/", page);
  app.use("/dashboard/assets/*", assetHeaders);
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
    const keep = load()?.build.hashed.has(file) ?? false;
    return c.body(new Uint8Array(body), 200, { "Content-Type": TYPES[ext]!, "Cache-Control": keep ? KEEP : "no-cache" });
  });
}
