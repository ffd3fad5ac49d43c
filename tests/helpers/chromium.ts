// shared browser-test helpers: Debian's Chromium through playwright-core, and a static server for test pages
import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"];

/**
 * Launch the system Chromium headless (CHROMIUM_PATH overrides /usr/bin/chromium).
 * @example const browser = await launchChromium(); const page = await browser.newPage();
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS, headless: true });
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
