// two library builds from one source tree:
//   vite build                → dist/*.js, the npm ESM entries; every dependency stays external (preact is a peer of the app)
//   vite build --mode script  → dist/minigame.js, one IIFE for the script tag with preact bundled in
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { defineConfig, type InlineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
const from = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// preact's automatic JSX runtime, the same setting tsconfig.json gives the type checker
const oxc = { jsx: { runtime: "automatic" as const, importSource: "preact" } };

/** npm entries by output name; dist/cli/main.js and dist/collector/cli.js are what bin/ runs */
export function libraryEntries(): Record<string, string> {
  return {
    index: from("src/index.ts"),
    core: from("src/core/index.ts"),
    collector: from("src/collector/index.ts"),
    "cli/main": from("src/cli/main.ts"),
    "collector/cli": from("src/collector/cli.ts"),
  };
}

const isBare = (id: string) => !id.startsWith(".") && !id.startsWith("/") && !id.startsWith("\0") && !/^[A-Za-z]:[\\/]/.test(id);
const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** the ESM build for bundlers: tree-shakable modules, dependencies left to the app's bundler */
export function libraryConfig(outDir = from("dist")): InlineConfig {
  return {
    root,
    configFile: false,
    logLevel: "warn",
    oxc,
    build: {
      outDir,
      emptyOutDir: false,
      target: "es2022",
      minify: false,
      sourcemap: false,
      lib: { entry: libraryEntries(), formats: ["es"], fileName: (_format, name) => `${name}.js` },
      rolldownOptions: {
        external: (id) => isBare(id) || nodeBuiltins.has(id),
        output: { chunkFileNames: "chunks/[name]-[hash].js" },
      },
    },
  };
}

export type ScriptBuildOptions = {
  entry?: string;
  outDir?: string;
  fileName?: string;
  /** module ids replaced by an empty module, for size fixtures (e.g. canvas-confetti) */
  stub?: string[];
  minify?: boolean;
};

/** the script-tag build: a single self-contained IIFE, minified, nothing left on window but what script.ts sets */
export function scriptConfig(options: ScriptBuildOptions = {}): InlineConfig {
  const stubs = new Set(options.stub ?? []);
  return {
    root,
    configFile: false,
    logLevel: "warn",
    oxc,
    plugins: [
      {
        name: "minigame:stub",
        enforce: "pre",
        resolveId: (id) => (stubs.has(id) ? `\0stub:${id}` : null),
        load: (id) => (id.startsWith("\0stub:") ? "export default function noop() {}" : null),
      },
    ],
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: {
      outDir: options.outDir ?? from("dist"),
      emptyOutDir: false,
      // landing-page traffic includes older phones: ES2020 runs on Safari 14 and Chrome 80
      target: "es2020",
      minify: options.minify ?? true,
      sourcemap: false,
      lib: {
        entry: options.entry ?? from("src/embed/script.ts"),
        name: "minigameSdk",
        formats: ["iife"],
        fileName: () => options.fileName ?? "minigame.js",
      },
      rolldownOptions: { output: { codeSplitting: false } },
    },
  };
}

export default defineConfig(({ mode }) => (mode === "script" ? scriptConfig() : libraryConfig()));
