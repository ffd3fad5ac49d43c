// dev tooling (Node): serve the preview page with Vite for screenshots and browser tests
import { fileURLToPath } from "node:url";
import { createServer, type ViteDevServer } from "vite";
import preact from "@preact/preset-vite";

const repo = fileURLToPath(new URL("..", import.meta.url));

/** start a Vite dev server on 127.0.0.1 for tests/ui/preview; returns its base URL */
export async function startPreview(): Promise<{ base: string; server: ViteDevServer }> {
  const server = await createServer({
    root: `${repo}tests/ui/preview`,
    configFile: false,
    logLevel: "error",
    plugins: [preact()],
    server: { host: "127.0.0.1", port: 0, fs: { allow: [repo] }, hmr: false },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address !== "object") throw new Error("preview server has no address");
  return { base: `http://127.0.0.1:${address.port}/`, server };
}

/** Chromium through playwright-core, with the flags this project uses everywhere */
export const chromiumOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
};
