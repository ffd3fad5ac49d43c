// the dashboard bundle the collector serves at /dashboard (src/collector/dashboard), into dist/dashboard:
//   manifest.json  vite's manifest: the collector finds the entry and the chunks it imports there
//   boot.js        the shell's inline script (src/dashboard/boot.ts): a classic script, inlined under a CSP hash
//   dashboard.css  the page's styles, inlined into the shell (no render-blocking request)
//   *-[hash].js    the entry (shell + headline) and its lazy chunks (sections, uPlot): names change with their
//                  content, so the collector lets browsers keep them for a year
//   vite build -c vite.dashboard.config.ts
// Kept apart from vite.config.ts (the npm entries and the script tag) so each build changes on its own.
import { fileURLToPath } from "node:url";
import { build, defineConfig, type InlineConfig, type Plugin } from "vite";

const from = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const common = {
  root: from("."),
  configFile: false as const,
  logLevel: "warn" as const,
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
};

/** boot.ts as one classic script (an IIFE, its imports bundled in), emitted as boot.js beside the bundle */
function bootScript(): Plugin {
  return {
    name: "dashboard-boot-script",
    async generateBundle() {
      const out = await build({
        ...common,
        build: {
          write: false,
          target: "es2022",
          minify: true,
          lib: { entry: from("src/dashboard/boot.ts"), formats: ["iife"], name: "minigameDashboardBoot", fileName: () => "boot.js" },
        },
      });
      const chunk = (Array.isArray(out) ? out : [out]).flatMap((o) => ("output" in o ? o.output : [])).find((o) => o.type === "chunk");
      if (chunk?.type !== "chunk") throw new Error("the dashboard's boot script did not build");
      this.emitFile({ type: "asset", fileName: "boot.js", source: chunk.code });
    },
  };
}

/** the dashboard build, into `outDir` (tests build into a temporary directory) */
export function dashboardConfig(outDir = from("dist/dashboard")): InlineConfig {
  return {
    ...common,
    oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
    plugins: [bootScript()],
    build: {
      outDir,
      emptyOutDir: true,
      // an admin's browser: current evergreen browsers only
      target: "es2022",
      minify: true,
      sourcemap: false,
      cssCodeSplit: false,
      modulePreload: false,
      manifest: "manifest.json",
      // an app build, not a library one: library ES output keeps its whitespace
      rolldownOptions: {
        input: from("src/dashboard/main.tsx"),
        // flat names the collector serves (no dots before the extension)
        output: {
          format: "es",
          entryFileNames: "dashboard-[hash].js",
          assetFileNames: "dashboard[extname]",
          chunkFileNames: "chunk-[hash].js",
        },
      },
    },
  };
}

export default defineConfig(() => dashboardConfig());
