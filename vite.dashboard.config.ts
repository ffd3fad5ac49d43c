// the dashboard bundle the collector serves at /dashboard (src/collector/dashboard): one ES module and one
// stylesheet with fixed names in dist/dashboard, preact and uPlot bundled in.
//   vite build -c vite.dashboard.config.ts
// Kept apart from vite.config.ts (the npm entries and the script tag) so each build changes on its own.
import { fileURLToPath } from "node:url";
import { defineConfig, type InlineConfig } from "vite";

const from = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** the dashboard build, into `outDir` (tests build into a temporary directory) */
export function dashboardConfig(outDir = from("dist/dashboard")): InlineConfig {
  return {
    root: from("."),
    configFile: false,
    logLevel: "warn",
    oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: {
      outDir,
      emptyOutDir: true,
      // an admin's browser: current evergreen browsers only
      target: "es2022",
      minify: true,
      sourcemap: false,
      cssCodeSplit: false,
      modulePreload: false,
      // an app build, not a library one: library ES output keeps its whitespace
      rolldownOptions: {
        input: from("src/dashboard/main.tsx"),
        // names the collector serves (flat, no dots before the extension): uPlot comes as a chunk after the headline
        output: { format: "es", entryFileNames: "dashboard.js", assetFileNames: "dashboard[extname]", chunkFileNames: "chunk-[hash].js" },
      },
    },
  };
}

export default defineConfig(() => dashboardConfig());
