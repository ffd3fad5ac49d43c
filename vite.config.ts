// three builds from one source tree:
//   vite build                → dist/*.js, the npm ESM entries; dependencies stay external (preact is a peer of the
//                               app) except zod, bundled with the patches below so no page can break it
//   vite build --mode chunks  → dist/chunks/*.js, the ES modules the script tag imports: widget, one per game, validator
//   vite build --mode script  → dist/minigame.js, the loader: a small classic script that imports those chunks
import { readFileSync } from "node:fs";
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

/** the package version, baked into every event (`sdk: "minigame-sdk@x.y.z"`) */
export const VERSION = (JSON.parse(readFileSync(from("package.json"), "utf8")) as { version: string }).version;
const define = { __MINIGAME_VERSION__: JSON.stringify(VERSION) };

/**
 * The games of src/ui/games.ts, read from its registry lines (`name: () => import("./path/index.js")`), so adding a game
 * is one line there. Each becomes dist/chunks/game-<name>.js.
 */
export function gameEntries(): Record<string, string> {
  const source = readFileSync(from("src/ui/games.ts"), "utf8");
  const entries: Record<string, string> = {};
  for (const m of source.matchAll(/^\s+([a-z][a-z0-9-]*): \(\) => import\("\.\/([^"]+)\.js"\),?$/gm)) {
    entries[`game-${m[1]}`] = from(`src/ui/${m[2]}.ts`);
  }
  if (!entries["game-wheel"])
    throw new Error('src/ui/games.ts: no game registry lines found (expected `wheel: () => import("./wheel/index.js")`)');
  return entries;
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
    define,
    plugins: [zodPatches()],
    build: {
      outDir,
      emptyOutDir: false,
      target: "es2022",
      minify: false,
      sourcemap: false,
      lib: { entry: libraryEntries(), formats: ["es"], fileName: (_format, name) => `${name}.js` },
      rolldownOptions: {
        // zod is bundled: the copy an app's bundler would pick up is unpatched (see zodPatches)
        external: (id) => (isBare(id) && !/^zod(\/|$)/.test(id)) || nodeBuiltins.has(id),
        // dist/chunks/ belongs to the script tag
        output: { chunkFileNames: "lib/[name]-[hash].js" },
      },
    },
  };
}

export type ScriptBuildOptions = {
  outDir?: string;
  /** module ids replaced by an empty module, for size fixtures */
  stub?: string[];
  minify?: boolean;
};

const stubPlugin = (stub: string[] = []): Plugin => {
  const stubs = new Set(stub);
  return {
    name: "minigame:stub",
    enforce: "pre",
    resolveId: (id) => (stubs.has(id) ? `\0stub:${id}` : null),
    load: (id) => (id.startsWith("\0stub:") ? "export default function noop() {}" : null),
  };
};

// landing-page traffic includes older phones: ES2020 runs on Safari 14 and Chrome 80
const BROWSER_TARGET = "es2020";

/** Preact and the shell (createWidget): what the widget chunk imports when the widget renders, which over a painted wheel
 * is the visitor's first reach; the widget chunk (mountCampaign) is not in it */
const FIRST_PAINT =
  /[\\/](preact[\\/](dist|hooks|jsx-runtime)[\\/]|src[\\/]ui[\\/](shell[\\/](App|context|flow|state|OddsLink|Header|SavedWin)\.|create-widget|games\.ts))/;
/** what the wheel's plain-DOM first frame (chunks/paint-wheel.js) shares with the shell: no Preact in it */
const FRAME = /src[\\/](ui[\\/](i18n[\\/](index|strings)\.ts|theme|color|safe-image|styles|first-frame))/;
/** the wheel's shapes, geometry and CSS, shared by the painter and the game: a fixed name, so the loader asks for it beside
 * paint-wheel.js instead of after paint-wheel.js has been parsed */
const WHEEL_FACE = /src[\\/]ui[\\/]wheel[\\/](face|geometry|styles)\.ts/;
/** the play memory (with the member it belongs to) and the impression watch, shared by the widget chunk and the shell */
const WIDGET_SHARED = /src[\\/]ui[\\/](play-memory|member|impression)\.ts/;
const FIXED = new Set(["shell", "frame", "wheel-face"]);

/** the chunk entries by output name: the widget, each game, a launcher's display triggers, and the validator a broken campaign loads */
export function chunkEntries(): Record<string, string> {
  return {
    widget: from("src/embed/widget-chunk.ts"),
    triggers: from("src/embed/triggers.ts"),
    validator: from("src/embed/validator-chunk.ts"),
    // the wheel's first frame in plain DOM, painted before Preact and the shell arrive (src/ui/wheel/paint.ts)
    "paint-wheel": from("src/ui/wheel/paint.ts"),
    // the scratch card's ink worker, started from beside the scratch chunk (src/ui/games/scratch/ink-thread.ts)
    "scratch-ink": from("src/ui/games/scratch/ink-worker.ts"),
    ...gameEntries(),
  };
}

/** what the loader and the chunks build alike: production code for the browsers we target, zod patched */
function browserBuild(options: ScriptBuildOptions) {
  return {
    root,
    configFile: false as const,
    logLevel: "warn" as const,
    oxc,
    define: { ...define, "process.env.NODE_ENV": JSON.stringify("production") },
    plugins: [zodPatches(), stubPlugin(options.stub)],
    build: {
      outDir: options.outDir ?? from("dist"),
      emptyOutDir: false,
      target: BROWSER_TARGET,
      minify: options.minify ?? true,
      sourcemap: false,
    },
  } satisfies InlineConfig;
}

/**
 * The script tag's chunks: ES modules under dist/chunks/, entries at fixed names (the loader asks for
 * `chunks/widget.js` and `chunks/game-wheel.js`), shared code in content-hashed files they import.
 */
export function chunksConfig(options: ScriptBuildOptions = {}): InlineConfig {
  const base = browserBuild(options);
  return {
    ...base,
    build: {
      ...base.build,
      // library mode: no preload helper wrapped around every import() (the chunks import their own dependencies)
      lib: { entry: chunkEntries(), formats: ["es"], fileName: (_format, name) => `chunks/${name}.js` },
      rolldownOptions: {
        output: {
          // the shell has a fixed name so the loader can fetch it beside widget.js instead of after it
          chunkFileNames: (chunk) => (FIXED.has(chunk.name) ? `chunks/${chunk.name}.js` : "chunks/[name]-[hash].js"),
          minify: options.minify ?? true,
          // what every game paints with (Preact, the shell, the first strings and CSS) in one file: one request, one
          // compression window, instead of a handful of small shared chunks
          codeSplitting: {
            groups: [
              { name: "frame", test: FRAME, priority: 3 },
              { name: "wheel-face", test: WHEEL_FACE, priority: 2 },
              { name: "shell", test: FIRST_PAINT, priority: 1 },
              // what the widget chunk's mountCampaign and the shell both use: in a small file of their own, so the widget
              // chunk runs without the shell
              { name: "widget", test: WIDGET_SHARED, priority: 4 },
            ],
          },
        },
      },
    },
  };
}

/** the loader: one small classic script (IIFE) that imports the chunks from beside its own URL */
export function loaderConfig(options: ScriptBuildOptions & { entry?: string; fileName?: string } = {}): InlineConfig {
  const base = browserBuild(options);
  return {
    ...base,
    define: { ...base.define, __MINIGAME_GAMES__: JSON.stringify(Object.keys(gameEntries()).map((k) => k.slice(5))) },
    build: {
      ...base.build,
      lib: {
        entry: options.entry ?? from("src/embed/script.ts"),
        name: "minigameSdk",
        formats: ["iife"],
        fileName: () => options.fileName ?? "minigame.js",
      },
      rolldownOptions: {
        output: {
          codeSplitting: false,
          // whatever fails while the loader evaluates (a hostile page) stays ours: the page gets one console error
          banner: "try{",
          footer: '}catch(e){console.error("minigame: could not start",e)}',
        },
      },
    },
  };
}

/**
 * zod, patched where a host page can break it; each patch fails the build when its target moved, so a zod
 * update cannot drop one silently.
 * - `members()` walks its tables with for…in: on a page that added enumerable keys to Object.prototype it reads
 *   an inherited key's descriptor and throws. Own keys are what it means.
 * - zod keeps its configuration on `globalThis.__zod_globalConfig`: a global on the host page, and one a page can
 *   pre-define to change how we validate. A module-local object does the same job.
 * - the bundler's namespace helper also uses for…in; rewritten in the output to own keys.
 */
export function zodPatches(): Plugin {
  const PATCHES: Array<{ file: RegExp; from: string | RegExp; to: string }> = [
    { file: /[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/, from: "for (const key in table) {", to: "for (const key of Object.keys(table)) {" },
    {
      file: /[\\/]zod[\\/]v4[\\/]core[\\/]core\.js$/,
      from: /\(_a = globalThis\)\.__zod_globalConfig \?\? \(_a\.__zod_globalConfig = \{\}\);\s*export const globalConfig = globalThis\.__zod_globalConfig;/,
      to: "export const globalConfig = {};",
    },
    {
      file: /[\\/]zod[\\/]v4[\\/]core[\\/]core\.js$/,
      from: "globalThis.__zod_globalConfig?.postProcessor",
      to: "globalConfig.postProcessor",
    },
  ];
  return {
    name: "minigame:zod-patches",
    transform(code, id) {
      let out = code;
      for (const patch of PATCHES) {
        if (!patch.file.test(id)) continue;
        const next = out.replace(patch.from, patch.to);
        if (next === out)
          this.error(`zod patch found nothing to patch in ${id}: ${String(patch.from)}; zod changed, review the patch in vite.config.ts`);
        out = next;
      }
      if (out === code) return null;
      if (/__zod_globalConfig/.test(out)) this.error(`zod still reaches for globalThis.__zod_globalConfig in ${id}`);
      return { code: out, map: null };
    },
    generateBundle(_options, bundle) {
      // the namespace helper, minified or not: for (var k in all) defineProperty(target, k, { get: all[k], … })
      const helper = /for\s*\(var (\w+) in (\w+)\)(\s*\w+\(\w+,\s*\1,\s*\{\s*get:\s*\2\[\1\])/g;
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === "chunk") chunk.code = chunk.code.replace(helper, "for(var $1 of Object.keys($2))$3");
      }
    },
  };
}

export default defineConfig(({ mode }) => (mode === "script" ? loaderConfig() : mode === "chunks" ? chunksConfig() : libraryConfig()));
