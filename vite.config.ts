// two library builds from one source tree:
//   vite build                → dist/*.js, the npm ESM entries; every dependency stays external (preact is a peer of the app)
//   vite build --mode script  → dist/minigame.js, one IIFE for the script tag with preact bundled in
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { defineConfig, type InlineConfig, type Plugin } from "vite";

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
      ownKeysOnly(),
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
      rolldownOptions: {
        output: {
          codeSplitting: false,
          // whatever fails while the bundle evaluates (a hostile page, a broken dependency) stays ours:
          // the page gets one console error, never an exception
          banner: "try{",
          footer: '}catch(e){console.error("minigame: could not start",e)}',
        },
      },
    },
  };
}

/**
 * Pages that add enumerable keys to Object.prototype exist. zod's `members()` and the bundler's namespace
 * helper walk objects with for…in and choke on the inherited keys; both mean own keys, so iterate those.
 */
function ownKeysOnly(): Plugin {
  const zodLoop = "for (const key in table) {";
  return {
    name: "minigame:own-keys",
    transform(code, id) {
      if (!/[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/.test(id) || !code.includes(zodLoop)) return null;
      return { code: code.replace(zodLoop, "for (const key of Object.keys(table)) {"), map: null };
    },
    generateBundle(_options, bundle) {
      // the namespace helper, minified or not: for (var k in all) defineProperty(target, k, { get: all[k], … })
      const helper = /for\s*\(var (\w+) in (\w+)\)(\s*\w+\(\w+,\s*\1,\s*\{\s*get:\s*\2\[\1\])/;
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === "chunk") chunk.code = chunk.code.replace(helper, "for(var $1 of Object.keys($2))$3");
      }
    },
  };
}

export default defineConfig(({ mode }) => (mode === "script" ? scriptConfig() : libraryConfig()));
