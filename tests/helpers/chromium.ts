// shared browser-test helpers: Debian's Chromium through playwright-core, and a static server for test pages
import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type BrowserServer } from "playwright-core";
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** the WebSocket of the run's shared Chromium, when global-setup.ts started one */
    chromiumWsEndpoint?: string;
  }
}

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"];

const launchOptions = () => ({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS, headless: true });

/**
 * Start the system Chromium as a server that test files connect to (tests/helpers/global-setup.ts, once per run).
 * @example const server = await startChromiumServer(); project.provide("chromiumWsEndpoint", server.wsEndpoint());
 */
export function startChromiumServer(): Promise<BrowserServer> {
  // pages prefer reduced motion unless a test asks otherwise (page.emulateMedia or the context's reducedMotion):
  // a suite about a page's flow then waits 0.6 s for a landed wheel instead of a 4–5.5 s spin. The full-motion
  // spin itself is the subject of tests/ui/widget.spec.ts and tests/e2e/layout.spec.ts, which ask for it.
  const options = launchOptions();
  return chromium.launchServer({ ...options, args: [...options.args, "--force-prefers-reduced-motion"] });
}

/** vitest's provided value, or undefined outside a vitest worker (scripts/ use this file too) */
function sharedChromium(): string | undefined {
  try {
    return inject("chromiumWsEndpoint");
  } catch {
    return undefined;
  }
}

/**
 * The system Chromium headless (CHROMIUM_PATH overrides /usr/bin/chromium): a connection to the run's shared browser
 * when there is one (its close() closes this file's contexts and disconnects), else a browser of its own.
 * @example const browser = await launchChromium(); const page = await browser.newPage();
 */
export function launchChromium(): Promise<Browser> {
  const shared = sharedChromium();
  return shared ? chromium.connect(shared) : chromium.launch(launchOptions());
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

export type StaticServer = { url: string; server: Server; close(): Promise<void> };

/**
 * Serve in-memory `files` (path → content) and, failing those, files under `root`, on 127.0.0.1 at a free port.
 * @example const site = await serveStatic({ files: { "/index.html": "<p>hi</p>" } }); await page.goto(site.url + "/index.html");
 */
export async function serveStatic(options: { files?: Record<string, string>; root?: string }): Promise<StaticServer> {
  const files = options.files ?? {};
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const key = path === "/" ? "/index.html" : path;
    let body: string | Buffer | undefined = files[key];
    if (body === undefined && options.root) {
      const file = normalize(join(options.root, key));
      if (file.startsWith(normalize(options.root))) body = await readFile(file).catch(() => undefined);
    }
    if (body === undefined) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(key)] ?? "application/octet-stream", "cache-control": "no-store" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
