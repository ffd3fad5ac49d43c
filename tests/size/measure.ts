// build a size fixture with the project's own vite settings, then measure it raw, gzipped and brotli'd
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build, type InlineConfig } from "vite";
import { chunksConfig, loaderConfig } from "../../vite.config.js";

export type Sizes = { raw: number; gzip: number; brotli: number; code: string };

/** sizes of a buffer as a CDN would serve it (gzip -9, brotli quality 11) */
export function measure(code: string): Sizes {
  const bytes = Buffer.from(code);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    code,
  };
}

/** sizes of files fetched one by one: each compressed on its own, as a CDN serves them */
export function measureFiles(codes: string[]): Sizes {
  const each = codes.map(measure);
  const sum = (k: "raw" | "gzip" | "brotli") => each.reduce((s, x) => s + x[k], 0);
  return { raw: sum("raw"), gzip: sum("gzip"), brotli: sum("brotli"), code: codes.join("\n") };
}

type Chunk = { fileName: string; code: string; imports: string[]; dynamicImports: string[] };

async function buildInMemory(config: InlineConfig): Promise<Chunk[]> {
  // vitest runs with NODE_ENV=test, which makes vite resolve packages' "development" builds
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    const out = (await build({ ...config, build: { ...config.build, write: false } })) as unknown;
    const outputs = (Array.isArray(out) ? out : [out]) as Array<{ output: Array<Chunk & { type: string }> }>;
    return outputs.flatMap((o) => o.output).filter((c) => c.type === "chunk");
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

export type ScriptTag = {
  loader: string;
  /** chunk files by name (`chunks/widget.js`, …) */
  chunks: Map<string, Chunk>;
  /** the files loaded before a paint: the loader plus the static imports of `entries` */
  before(...entries: string[]): string[];
  /** every file `entries` can ever load, through static and dynamic imports */
  ever(...entries: string[]): string[];
  /** the same, minus the chunks (and what only they import) whose file name matches `skip`: another mode's code */
  everWithout(skip: RegExp, ...entries: string[]): string[];
};

/** the script tag as shipped: the loader (dist/minigame.js) and its chunks (dist/chunks/), built in memory */
export async function buildScriptTag(): Promise<ScriptTag> {
  const outDir = mkdtempSync(join(tmpdir(), "minigame-size-"));
  try {
    const [loader] = await buildInMemory(loaderConfig({ outDir }));
    const chunks = new Map((await buildInMemory(chunksConfig({ outDir }))).map((c) => [c.fileName, c]));
    const walk = (entries: string[], dynamic: boolean, skip?: RegExp) => {
      const seen = new Set<string>();
      // another game, or the validator a broken campaign loads, is never part of this page
      const foreign = (name: string) =>
        !entries.includes(name) && (/^chunks\/(game-[^/]+|validator)\.js$/.test(name) || !!skip?.test(name));
      const visit = (name: string) => {
        if (seen.has(name) || foreign(name)) return;
        const chunk = chunks.get(name);
        if (!chunk) throw new Error(`no chunk ${name}; chunks: ${[...chunks.keys()].join(", ")}`);
        seen.add(name);
        for (const i of chunk.imports) visit(i);
        if (dynamic) for (const i of chunk.dynamicImports) visit(i);
      };
      entries.forEach(visit);
      return [loader!.code, ...[...seen].map((n) => chunks.get(n)!.code)];
    };
    return {
      loader: loader!.code,
      chunks,
      before: (...entries) => walk(entries, false),
      ever: (...entries) => walk(entries, true),
      everWithout: (skip, ...entries) => walk(entries, true, skip),
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** bundle one entry, minified, as one file (e.g. the ./core fixture) and measure it */
export async function bundleAndMeasure(options: { entry: string; stub?: string[] }): Promise<Sizes> {
  const outDir = mkdtempSync(join(tmpdir(), "minigame-size-"));
  try {
    const [chunk] = await buildInMemory(loaderConfig({ ...options, outDir, fileName: "bundle.js" }));
    return measure(chunk!.code);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
